// The mistake: rejecting on abort but forgetting clearTimeout. The promise settles, yet the timer
// stays scheduled and fires later for nothing (and keeps a real process alive until it does).
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
    const onAbort = (): void => reject(signal!.reason);
    setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value as T);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
