// Correct: the npm package itself, p-timeout 7, for pTimeout and TimeoutError. p-timeout has no
// withTimeout, so it is written on top of it: the fallback runs at the timeout, aborts the work and
// rejects by throwing.
import pTimeout, { TimeoutError } from 'p-timeout';

export { default as pTimeout, TimeoutError } from 'p-timeout';

export function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return pTimeout(fn(controller.signal), {
    milliseconds: ms,
    fallback: () => {
      const timeout = new TimeoutError(`Promise timed out after ${ms} milliseconds`);
      controller.abort(timeout);
      throw timeout;
    },
  });
}
