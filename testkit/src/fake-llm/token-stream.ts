/**
 * The body of a streamed answer: tokens arrive on timers whether or not anyone is reading (like
 * bytes on a socket) and wait in a buffer; `next()` takes the oldest or waits for the next one.
 * `return()` (what `break` in a `for await` calls) ends the call, as breaking out of an SDK stream does;
 * like an async generator's, a `return()` made while a `next()` is waiting takes effect only after that
 * `next()` settles, so only an AbortSignal can end a stalled call.
 */
export interface TokenSource {
  /** Starts producing: push(token) for each token, end() after the last, fail(error) on an error. */
  start(sink: { push(token: string): void; end(): void; fail(error: unknown): void }): void;
  /** Stops producing (clears timers); called once when the stream ends for any reason. */
  stop(reason: 'done' | 'error' | 'aborted'): void;
}

export class TokenStream implements AsyncIterableIterator<string> {
  readonly #buffer: string[] = [];
  #state: 'open' | 'ended' | 'failed' | 'closed' = 'open';
  #error: unknown;
  #waiter: { resolve(result: IteratorResult<string>): void; reject(error: unknown): void } | undefined;
  #waiting: Promise<unknown> | undefined;
  readonly #source: TokenSource;

  constructor(source: TokenSource) {
    this.#source = source;
    source.start({
      push: (token) => {
        if (this.#state !== 'open') return;
        if (this.#waiter) this.#take()?.resolve({ value: token, done: false });
        else this.#buffer.push(token);
      },
      end: () => this.#settle('ended', undefined, 'done'),
      fail: (error) => this.#settle('failed', error, 'error'),
    });
  }

  /** Aborts the stream from outside (an AbortSignal): the pending and every later `next()` reject. */
  abort(reason: unknown): void {
    // Like a fetch body: what arrived but was not read yet is gone with the abort.
    this.#buffer.length = 0;
    this.#settle('failed', reason, 'aborted');
  }

  next(): Promise<IteratorResult<string>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift()!, done: false });
    if (this.#state === 'failed') return Promise.reject(this.#error);
    if (this.#state !== 'open') return Promise.resolve({ value: undefined, done: true });
    if (this.#waiter) return Promise.reject(new Error('FakeLlm stream: next() called again before the previous next() settled'));
    const waiting = new Promise<IteratorResult<string>>((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
    this.#waiting = waiting.catch(() => undefined);
    return waiting;
  }

  return(): Promise<IteratorResult<string>> {
    if (this.#waiter) return this.#waiting!.then(() => this.return());
    this.#buffer.length = 0;
    if (this.#state === 'open') this.#settle('closed', undefined, 'aborted');
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #take() {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    return waiter;
  }

  #settle(state: 'ended' | 'failed' | 'closed', error: unknown, why: 'done' | 'error' | 'aborted'): void {
    if (this.#state !== 'open') return;
    this.#state = state;
    this.#error = error;
    this.#source.stop(why);
    const waiter = this.#take();
    if (!waiter) return;
    if (state === 'failed') waiter.reject(error);
    else waiter.resolve({ value: undefined, done: true });
  }
}
