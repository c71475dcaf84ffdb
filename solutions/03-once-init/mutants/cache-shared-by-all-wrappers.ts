// The mistake: keeping the cache at module level instead of inside each onceAsync call. The first
// wrapper's run is then handed to every other wrapper, whatever init they were given.
let shared: Promise<unknown> | undefined;

export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  return () => {
    if (shared === undefined) {
      const attempt = init();
      shared = attempt;
      attempt.catch(() => {
        if (shared === attempt) shared = undefined;
      });
    }
    return shared as Promise<T>;
  };
}
