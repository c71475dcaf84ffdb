// The mistake: withTimeout gives up on time but never aborts the signal it handed to fn. The caller
// sees a TimeoutError while the work runs on unseen (a query still holding a connection, a download
// still filling memory): Python's wait_for cancels the task, this does not.
import { pTimeout } from '../index.ts';

export { pTimeout, TimeoutError } from '../index.ts';

export function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return pTimeout(fn(controller.signal), { milliseconds: ms });
}
