// Correct in another style: no generator. A hand-written async iterator object with next() and
// return(), a buffer of outcomes that arrived before anyone asked, and a queue of next() calls that
// asked before anything arrived.
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiter<T> {
  resolve: (result: IteratorResult<T>) => void;
  reject: (error: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

export function asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  const ready: Outcome<T>[] = [];
  const waiters: Waiter<T>[] = [];
  let notArrived = 0;
  let closed = false;

  const close = (): void => {
    closed = true;
    ready.length = 0;
    for (const waiter of waiters.splice(0)) waiter.resolve(DONE);
  };

  const handOut = (waiter: Waiter<T>, outcome: Outcome<T>): void => {
    if (outcome.ok) {
      waiter.resolve({ value: outcome.value, done: false });
    } else {
      // Like a generator that threw: this call rejects, every later one says done.
      close();
      waiter.reject(outcome.error);
    }
  };

  const arrive = (outcome: Outcome<T>): void => {
    notArrived -= 1;
    if (closed) return; // nobody listens any more; the rejection is handled (and dropped) right here
    const waiter = waiters.shift();
    if (waiter) handOut(waiter, outcome);
    else ready.push(outcome);
  };

  for (const promise of promises) {
    notArrived += 1;
    Promise.resolve(promise).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      return new Promise((resolve, reject) => {
        const outcome = closed ? undefined : ready.shift();
        if (outcome) handOut({ resolve, reject }, outcome);
        else if (!closed && notArrived > waiters.length) waiters.push({ resolve, reject });
        else resolve(DONE);
      });
    },
    // Called by `for await` on break/return/throw in the loop body.
    return(): Promise<IteratorResult<T>> {
      close();
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
