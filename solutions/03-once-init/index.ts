export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  // The promise of the run in flight or of the run that succeeded; undefined before the first call
  // and after a failure. Keeping the promise, not the value, is what lets concurrent callers share it.
  let shared: Promise<T> | undefined;

  return () => {
    if (shared === undefined) {
      const attempt = init();
      shared = attempt;
      // Forget a failed run so the next call retries. The callers already hold `attempt` and see the
      // rejection themselves; this handler only clears the cache (and so marks the rejection handled).
      attempt.catch(() => {
        if (shared === attempt) shared = undefined;
      });
    }
    return shared;
  };
}
