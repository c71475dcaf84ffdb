/**
 * The functions these tests hand to `executor.run`. They travel to a worker as source text
 * (`fn.toString()`), so each one is a plain arrow function that uses only its arguments and globals:
 * no closure variables, no imports, and no named inner functions — vitest's esbuild transform may wrap
 * those in a `__name(...)` helper that does not exist in the worker.
 *
 * Every function that would block or end its thread first asks whether it runs on the main thread,
 * and if so returns at once: a pool that runs tasks inline must fail a test, not freeze the test run.
 */

export const add = (a: number, b: number): number => a + b;

/** The id of the thread that runs it: 0 on the main thread, a number unique to each worker otherwise. */
export const whichThread = (): number => process.getBuiltinModule('node:worker_threads').threadId;

export const failWith = (record: number): number => {
  throw new Error(`cannot parse record ${record}`);
};

/** Ends the worker thread that runs it, as `process.exit()` in a worker does; on the main thread, returns -1. */
export const exitWorker = (code: number): number => {
  if (process.getBuiltinModule('node:worker_threads').isMainThread) return -1;
  process.exit(code);
};

/** CPU-bound work: spins for `ms` real milliseconds on the thread that runs it. */
export const spinFor = (ms: number): number => {
  const start = Date.now();
  while (Date.now() - start < ms) {
    // busy: nothing else can run on this thread meanwhile
  }
  return process.getBuiltinModule('node:worker_threads').threadId;
};

/**
 * `count` of these meet when they run at the same time: each counts itself in `arrivals` (shared
 * memory), then sleeps (Atomics.wait, no CPU) until all `count` have arrived, or `waitMs` have passed.
 * Resolves with whether it met the others. Tasks that run one after the other can never meet, however
 * fast or slow the machine; tasks that run in parallel always do.
 */
export const meetPartners = (arrivals: Int32Array, count: number, waitMs: number): boolean | 'main thread' => {
  if (process.getBuiltinModule('node:worker_threads').isMainThread) return 'main thread';
  Atomics.add(arrivals, 0, 1);
  Atomics.notify(arrivals, 0);
  const deadline = Date.now() + waitMs;
  let seen = Atomics.load(arrivals, 0);
  while (seen < count && Date.now() < deadline) {
    Atomics.wait(arrivals, 0, seen, deadline - Date.now());
    seen = Atomics.load(arrivals, 0);
  }
  return seen >= count;
};

/** Where a gated task writes in its board (see board.ts): offsets into one shared Int32Array. */
export interface BoardLayout {
  running: number;
  peak: number;
  starts: number;
  heartbeat: number;
  ranOnMain: number;
  order: number;
  gates: number;
}

/**
 * A task the test holds inside its worker until it opens the task's gate. On the board (shared
 * memory) it records that it started and in which order, how many gated tasks run right now and the
 * most that ever ran at once. It also leaves a heartbeat in its thread: an unref'd interval that
 * counts while the thread lives, so a test can tell when the worker has really ended.
 */
export const gatedTask = (cells: Int32Array, layout: BoardLayout, index: number, maxWaitMs: number) => {
  const { isMainThread, threadId } = process.getBuiltinModule('node:worker_threads');
  if (isMainThread) {
    Atomics.store(cells, layout.ranOnMain, 1);
    return { index, thread: threadId };
  }
  setInterval(() => Atomics.add(cells, layout.heartbeat, 1), 5).unref();
  const running = Atomics.add(cells, layout.running, 1) + 1;
  let peak = Atomics.load(cells, layout.peak);
  while (running > peak) {
    const before = Atomics.compareExchange(cells, layout.peak, peak, running);
    if (before === peak) break;
    peak = before;
  }
  const position = Atomics.add(cells, layout.starts, 1);
  Atomics.store(cells, layout.order + position, index + 1);
  Atomics.wait(cells, layout.gates + index, 0, maxWaitMs); // returns at once if the gate is already open
  Atomics.sub(cells, layout.running, 1);
  return { index, thread: threadId };
};
