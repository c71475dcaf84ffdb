// The mistake: relying on the 'abort' event alone. A signal that aborted before the call never fires
// it again, so the delay waits out its full time and resolves as if nothing had been cancelled.
export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value as T);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
