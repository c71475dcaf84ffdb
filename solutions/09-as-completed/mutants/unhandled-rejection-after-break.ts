// The mistake: one slot promise per input, filled in completion order, but the slots the loop never
// reaches are never awaited. After a `break` (or after the first error ends the loop), a slot that is
// rejected later has nobody handling it: Node reports an unhandled rejection.
interface Slot<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function emptySlot<T>(): Slot<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export async function* asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  const inputs = [...promises];
  const slots = inputs.map(() => emptySlot<T>());
  let filled = 0;
  for (const input of inputs) {
    Promise.resolve(input).then(
      (value) => slots[filled++]!.resolve(value),
      (error: unknown) => slots[filled++]!.reject(error),
    );
  }
  for (const slot of slots) {
    yield await slot.promise;
  }
}
