// The mistake: caching the value only once init has resolved. Until then nothing is cached, so every
// caller that arrives while init is running starts an init of its own.
export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  let ready = false;
  let value: T;

  return async () => {
    if (ready) return value;
    value = await init();
    ready = true;
    return value;
  };
}
