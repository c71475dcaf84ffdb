// The mistake: a hand-made list of waiters that is only served on success. When init rejects, the
// rejection goes to the caller that started it; the others are dropped and wait forever.
export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  let state: 'idle' | 'running' | 'done' = 'idle';
  let value: T;
  let waiters: Array<(value: T) => void> = [];

  return () =>
    new Promise<T>((resolve, reject) => {
      if (state === 'done') return resolve(value);
      waiters.push(resolve);
      if (state === 'running') return;
      state = 'running';
      init().then(
        (result) => {
          value = result;
          state = 'done';
          waiters.forEach((wake) => wake(result));
          waiters = [];
        },
        (error: unknown) => {
          state = 'idle';
          waiters = [];
          reject(error);
        },
      );
    });
}
