// Correct in another style, the one CPython's asyncio.Queue uses: closures over a linked-list deque,
// wrapped in a thin class. A waiter is only woken ("look again"); it re-checks the queue in a loop and
// takes or adds the item itself, so put() on a waiting getter leaves the item in the queue for a few
// promise jobs instead of handing it over.

/** A doubly linked list: O(1) at both ends, and O(1) removal of an aborted waiter from the middle. */
interface Node<V> {
  value: V;
  prev: Node<V> | undefined;
  next: Node<V> | undefined;
}

function createDeque<V>() {
  let head: Node<V> | undefined;
  let tail: Node<V> | undefined;
  let length = 0;
  const unlink = (node: Node<V>): void => {
    if (node.prev) node.prev.next = node.next;
    else head = node.next;
    if (node.next) node.next.prev = node.prev;
    else tail = node.prev;
    node.prev = node.next = undefined;
    length -= 1;
  };
  return {
    get length() {
      return length;
    },
    push(value: V): Node<V> {
      const node: Node<V> = { value, prev: tail, next: undefined };
      if (tail) tail.next = node;
      else head = node;
      tail = node;
      length += 1;
      return node;
    },
    shift(): V | undefined {
      const node = head;
      if (!node) return undefined;
      unlink(node);
      return node.value;
    },
    /** Removes `node` if it is still in the list (a woken waiter is not). */
    remove(node: Node<V>): void {
      if (node.prev || node.next || head === node) unlink(node);
    },
  };
}

type Wake = () => void;

function createQueue<T>(maxsize: number) {
  const items = createDeque<T>();
  const getters = createDeque<Wake>();
  const putters = createDeque<Wake>();
  let unfinished = 0;
  let allDone: { promise: Promise<void>; resolve: () => void } | undefined;

  const isFull = (): boolean => maxsize > 0 && items.length >= maxsize;
  const wakeNext = (line: ReturnType<typeof createDeque<Wake>>): void => line.shift()?.();

  /** Sleeps at the back of `line` until woken, or rejects with the signal's reason on abort. */
  function sleepIn(line: ReturnType<typeof createDeque<Wake>>, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        line.remove(node);
        reject(signal?.reason);
      };
      const node = line.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    size: () => items.length,

    async put(item: T, signal?: AbortSignal): Promise<void> {
      signal?.throwIfAborted();
      while (isFull()) await sleepIn(putters, signal);
      items.push(item);
      unfinished += 1;
      wakeNext(getters);
    },

    async get(signal?: AbortSignal): Promise<T> {
      signal?.throwIfAborted();
      while (items.length === 0) await sleepIn(getters, signal);
      const item = items.shift() as T;
      wakeNext(putters);
      return item;
    },

    taskDone(): void {
      if (unfinished <= 0) throw new Error('taskDone() called too many times');
      unfinished -= 1;
      if (unfinished === 0 && allDone) {
        allDone.resolve();
        allDone = undefined;
      }
    },

    async join(): Promise<void> {
      if (unfinished === 0) return;
      if (!allDone) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        allDone = { promise, resolve };
      }
      await allDone.promise;
    },
  };
}

export class AsyncQueue<T> {
  readonly #queue: ReturnType<typeof createQueue<T>>;

  constructor(maxsize?: number) {
    this.#queue = createQueue<T>(maxsize ?? 0);
  }

  get size(): number {
    return this.#queue.size();
  }

  put(item: T, options?: { signal?: AbortSignal }): Promise<void> {
    return this.#queue.put(item, options?.signal);
  }

  get(options?: { signal?: AbortSignal }): Promise<T> {
    return this.#queue.get(options?.signal);
  }

  taskDone(): void {
    this.#queue.taskDone();
  }

  join(): Promise<void> {
    return this.#queue.join();
  }
}
