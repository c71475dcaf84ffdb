// The mistake: trusting { once: true } to clean up. It removes the listener only when the abort
// fires; when the time is simply up, the listener stays on the signal, one more per call.
export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => resolve(value as T), ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
