import { fail, realTimers } from '@tickwork/testkit';
import type { BoardLayout } from './sent-to-worker.ts';

export const ON_MAIN_THREAD =
  'a task ran on the main thread: run() must hand fn to a worker thread, so that the event loop stays free';

/** How long a gated task waits for its gate before it gives up by itself (a failed test must not hang). */
const GATE_TIMEOUT_MS = 12_000;
/** How long the test waits for something that a working pool does in a few milliseconds. */
export const PATIENCE_MS = 8000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => realTimers.setTimeout(resolve, ms));

/**
 * The test's side of the gated tasks: one block of shared memory that the tasks write to while they
 * run, and one gate per task that only the test opens. Reading it tells what happened inside the
 * workers, counted there, so no assertion depends on the speed of the machine.
 */
export class Board {
  private readonly cells: Int32Array;
  readonly layout: BoardLayout;

  constructor(readonly size: number) {
    this.layout = { running: 0, peak: 1, starts: 2, heartbeat: 3, ranOnMain: 4, order: 5, gates: 5 + size };
    this.cells = new Int32Array(new SharedArrayBuffer(4 * (5 + 2 * size)));
  }

  /** The arguments that make `gatedTask` task number `index` of this board. */
  task(index: number): [Int32Array, BoardLayout, number, number] {
    return [this.cells, this.layout, index, GATE_TIMEOUT_MS];
  }

  /** How many gated tasks have started so far. */
  started(): number {
    return Atomics.load(this.cells, this.layout.starts);
  }

  /** The most gated tasks that were ever running at the same time. */
  peak(): number {
    return Atomics.load(this.cells, this.layout.peak);
  }

  /** The indexes of the tasks that started, in the order they started. */
  startOrder(): number[] {
    return Array.from({ length: this.started() }, (_, i) => Atomics.load(this.cells, this.layout.order + i) - 1);
  }

  /** The heartbeat that every thread which ran a gated task keeps counting while it lives. */
  heartbeats(): Int32Array {
    return this.cells.subarray(this.layout.heartbeat, this.layout.heartbeat + 1);
  }

  open(index: number): void {
    Atomics.store(this.cells, this.layout.gates + index, 1);
    Atomics.notify(this.cells, this.layout.gates + index);
  }

  openAll(): void {
    for (let i = 0; i < this.size; i++) this.open(i);
  }

  /** Fails at once with a clear message if a gated task ran on the main thread. */
  checkNotOnMain(): void {
    if (Atomics.load(this.cells, this.layout.ranOnMain) === 1) fail(ON_MAIN_THREAD);
  }

  /**
   * Waits (real time) until `condition` holds, and fails with `describe()` if it still does not
   * after PATIENCE_MS: long enough for worker threads to start on a loaded machine.
   */
  async waitFor(condition: () => boolean, describe: () => string): Promise<void> {
    const start = realTimers.now();
    while (!condition()) {
      this.checkNotOnMain();
      if (realTimers.now() - start > PATIENCE_MS) fail(describe());
      await realSleep(10);
    }
    this.checkNotOnMain();
  }
}
