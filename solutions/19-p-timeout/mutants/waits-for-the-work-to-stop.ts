// The mistake: withTimeout only aborts the signal and then keeps awaiting the work, trusting it to
// reject. Work that honours its signal rejects on time, but work that ignores it keeps the caller
// waiting forever: the deadline depends on the very code it is meant to guard against.
import { TimeoutError } from '../index.ts';

export { pTimeout, TimeoutError } from '../index.ts';

export async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`Promise timed out after ${ms} milliseconds`)), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
