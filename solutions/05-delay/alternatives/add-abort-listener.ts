// Correct in another style: node:events' addAbortListener (Node >= 20.5) registers a listener that
// fires once and hands back a Disposable; disposing it is the cleanup when the time is up instead.
import { addAbortListener } from 'node:events';

export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, options: DelayOptions<T> = {}): Promise<T> {
  const { value, signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    let stopListening = (): void => {};
    const timer = setTimeout(() => {
      stopListening();
      resolve(value as T);
    }, ms);
    if (signal) {
      const listener = addAbortListener(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
      stopListening = () => listener[Symbol.dispose]();
    }
  });
}
