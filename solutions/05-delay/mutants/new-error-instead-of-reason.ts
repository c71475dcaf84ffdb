// The mistake: rejecting with an error of one's own making instead of signal.reason. The caller
// aborted with a reason (a timeout, a shutdown, a user's click) and can no longer tell which.
export interface DelayOptions<T> {
  value?: T;
  signal?: AbortSignal;
}

export function delay<T = void>(ms: number, { value, signal }: DelayOptions<T> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('The operation was aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('The operation was aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value as T);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
