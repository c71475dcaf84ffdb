// A class holding the run in flight, written with async/await and try/catch instead of .catch().
class OnceAsync<T> {
  readonly #init: () => Promise<T>;
  #run: Promise<T> | undefined;

  constructor(init: () => Promise<T>) {
    this.#init = init;
  }

  // An arrow property, so `get` can be handed around without losing `this`.
  readonly get = (): Promise<T> => {
    this.#run ??= this.#attempt();
    return this.#run;
  };

  async #attempt(): Promise<T> {
    try {
      return await this.#init();
    } catch (error) {
      this.#run = undefined; // forget the failure: the next call retries
      throw error;
    }
  }
}

export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  return new OnceAsync(init).get;
}
