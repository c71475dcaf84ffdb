/**
 * The functions these tests hand to runInWorker. They travel to the worker as source text
 * (`fn.toString()`), so each one is a plain arrow function that uses only its arguments and globals:
 * no closure variables, no imports, and no named inner functions — vitest's esbuild transform may wrap
 * those in a `__name(...)` helper that does not exist in the worker.
 */

export const add = (a: number, b: number): number => a + b;

/** Works with structured values both ways: a Map and a Date in, a Map, a Set and a Date out. */
export const summariseOrders = (orders: Map<string, number[]>, since: Date) => ({
  totals: new Map([...orders].map(([customer, amounts]) => [customer, amounts.reduce((sum, n) => sum + n, 0)])),
  customers: new Set(orders.keys()),
  dueBy: new Date(since.getTime() + 7 * 24 * 60 * 60 * 1000),
  nested: { count: orders.size, largest: Math.max(...[...orders.values()].flat()) },
});

export const failWith = (code: number): number => {
  throw new Error(`cannot parse record ${code}`);
};

/**
 * CPU-bound work: spins for `ms` real milliseconds and reports when it started and ended, measured
 * inside the thread that ran it.
 */
export const spinFor = (ms: number) => {
  const start = Date.now();
  while (Date.now() - start < ms) {
    // busy: nothing else can run on this thread meanwhile
  }
  return { start, end: Date.now() };
};

/**
 * CPU-bound work for two calls at once. Each call counts itself in `arrivals` (shared memory), keeps
 * spinning until the other call has started too (or `waitMs` has passed), then spins `ms` more.
 * Calls that truly run at the same time therefore overlap by at least `ms`, however long one worker
 * took to start on a busy machine; calls that run one after the other cannot overlap at all.
 */
export const spinAlongside = (arrivals: SharedArrayBuffer, ms: number, waitMs: number) => {
  const arrived = new Int32Array(arrivals);
  const start = Date.now();
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < 2 && Date.now() - start < waitMs) {
    // busy: waiting for the other call to start
  }
  const together = Date.now();
  while (Date.now() - together < ms) {
    // busy: the work itself
  }
  return { start, end: Date.now() };
};

/**
 * Leaves a heartbeat in the thread that runs it: an unref'd interval (it does not keep the thread
 * alive by itself) that counts in shared memory while that thread exists. Once the worker is gone
 * the count stops moving. On the main thread it starts nothing, so the test run is not disturbed.
 */
export const startHeartbeat = (beats: SharedArrayBuffer, thenThrow: boolean): string => {
  const { isMainThread } = process.getBuiltinModule('node:worker_threads');
  if (isMainThread) return 'main thread';
  const counter = new Int32Array(beats);
  setInterval(() => Atomics.add(counter, 0, 1), 5).unref();
  if (thenThrow) throw new Error('fn failed after starting its heartbeat');
  return 'worker thread';
};
