// The mistake: caching the promise and never clearing it. Sharing works, but a failed init is
// remembered: every later call gets the old rejection and init is never retried.
export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | undefined;
  return () => (shared ??= init());
}
