// The mistake: clearing the cache with `finally` instead of only on failure. Concurrent callers share
// the run, but once it settles, even successfully, the value is dropped and the next call inits again.
export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | undefined;
  return () => {
    if (shared === undefined) {
      shared = init().finally(() => {
        shared = undefined;
      });
    }
    return shared;
  };
}
