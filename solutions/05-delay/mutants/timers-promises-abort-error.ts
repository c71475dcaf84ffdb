// The mistake: returning node:timers/promises' setTimeout as it is. It waits and cancels correctly,
// but rejects with its own AbortError, carrying signal.reason only in `cause`.
import { setTimeout as sleep } from 'node:timers/promises';

export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  return sleep(ms, value as T, { signal });
}
