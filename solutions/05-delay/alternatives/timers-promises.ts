// Correct in another style: Node's promise timer does the waiting, the cancelling and the cleanup.
// It rejects an abort with its own AbortError (the reason sits in `cause`), so translate that back
// into the signal's reason, which is what the caller of delay() asked for.
import { setTimeout as sleep } from 'node:timers/promises';

export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export async function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  try {
    return await sleep(ms, value as T, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
