export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

// One line per queue: the whole exercise is knowing which Node API feeds which queue.
const enqueue: Record<Queue, (fn: () => void) => void> = {
  sync: (fn) => fn(),
  nextTick: (fn) => process.nextTick(fn),
  microtask: (fn) => queueMicrotask(fn),
  timeout: (fn) => setTimeout(fn, 0),
  immediate: (fn) => setImmediate(fn),
};

export function schedule(queue: Queue, fn: () => void): void {
  const put = enqueue[queue];
  if (!put) throw new TypeError(`schedule: unknown queue ${JSON.stringify(queue)}`);
  put(fn);
}

export interface Predictions {
  snippetA: string[];
  snippetB: string[];
  snippetC: string[];
}

export const predictions: Predictions = {
  // Code first, then the whole nextTick queue, then microtasks and promise jobs in FIFO order, then timers.
  snippetA: ['sync', 'nextTick', 'microtask', 'promise', 'timeout'],
  // A microtask queued by a microtask joins the same drain; a nextTick queued there waits for it to end.
  snippetB: ['sync', 'nextTick', 'then', 'microtask from then', 'nextTick from then', 'timeout'],
  // After an I/O callback the check phase comes first; microtasks run after each single macrotask.
  snippetC: ['sync', 'nextTick', 'immediate', 'promise from immediate', 'timeout'],
};
