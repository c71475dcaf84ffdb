export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // An abort that already happened fires no event: check first, and set no timer at all.
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      // A long-lived signal would otherwise collect one dead listener per call.
      signal?.removeEventListener('abort', onAbort);
      resolve(value as T);
    }, ms);
    // `once` removes the listener when it fires, so the abort path cleans up after itself too.
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
