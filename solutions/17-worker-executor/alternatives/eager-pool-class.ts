// An alternative: two small classes instead of closures. The pool starts all its workers up front (as
// Python's executors may), each worker is an ES module loaded from a data: URL, and a task that throws
// is not caught inside the worker: it ends the thread, its task rejects with the error, and the pool
// starts a fresh worker in its place. Same rule for process.exit().
import { Worker } from 'node:worker_threads';

export interface ExecutorOptions {
  maxWorkers: number;
}

export interface Executor {
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
  close(): Promise<void>;
  readonly busy: number;
  readonly queued: number;
}

const WORKER_MODULE = new URL(
  'data:text/javascript,' +
    encodeURIComponent(
      [
        "import { parentPort } from 'node:worker_threads';",
        // Stand-in for the __name helper that keepNames transforms (esbuild, tsx) put around named inner functions.
        'const __name = (target) => target;',
        // Direct eval sees this module's scope (and __name). A throw is an uncaught exception: 'error', then 'exit'.
        "parentPort.on('message', ({ source, args }) => parentPort.postMessage(eval('(' + source + ')')(...args)));",
      ].join('\n'),
    ),
);

interface Task {
  source: string;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
  done: Promise<unknown>;
}

/** One thread of the pool. Tells the pool when it is free again and when its thread has ended. */
class PoolThread {
  private readonly worker = new Worker(WORKER_MODULE);
  private task: Task | undefined;
  private failure: unknown;

  constructor(onFree: (thread: PoolThread) => void, onEnded: (thread: PoolThread) => void) {
    this.worker.on('message', (value: unknown) => {
      this.finish()?.resolve(value);
      onFree(this);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
    });
    this.worker.on('exit', (code) => {
      this.finish()?.reject(this.failure ?? new Error(`the worker stopped (exit code ${code}) before fn returned`));
      onEnded(this);
    });
  }

  get running(): Task | undefined {
    return this.task;
  }

  start(task: Task): void {
    this.task = task;
    try {
      this.worker.postMessage({ source: task.source, args: task.args });
    } catch (error) {
      this.task = undefined;
      task.reject(error); // arguments that cannot be cloned: the thread itself is fine
      throw error;
    }
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private finish(): Task | undefined {
    const task = this.task;
    this.task = undefined;
    return task;
  }
}

class WorkerPool implements Executor {
  private readonly threads = new Set<PoolThread>();
  private readonly idle: PoolThread[] = [];
  private readonly waiting: Task[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly maxWorkers: number) {
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) throw new RangeError(`maxWorkers must be an integer >= 1, got ${maxWorkers}`);
    for (let i = 0; i < maxWorkers; i++) this.addThread();
  }

  get busy(): number {
    return [...this.threads].filter((thread) => thread.running !== undefined).length;
  }

  get queued(): number {
    return this.waiting.length;
  }

  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
    if (this.closing) return Promise.reject(new Error('the pool is closed'));
    let resolve!: Task['resolve'];
    let reject!: Task['reject'];
    const done = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.waiting.push({ source: fn.toString(), args, resolve, reject, done });
    this.pump();
    return done as Promise<R>;
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const task of this.waiting.splice(0)) task.reject(new Error('the pool was closed before this task started'));
    await Promise.allSettled([...this.threads].map((thread) => thread.running?.done));
    await Promise.all([...this.threads].map((thread) => thread.stop()));
  }

  private addThread(): void {
    const thread = new PoolThread(
      (free) => {
        this.idle.push(free);
        this.pump();
      },
      (ended) => {
        this.threads.delete(ended);
        const position = this.idle.indexOf(ended);
        if (position !== -1) this.idle.splice(position, 1);
        if (!this.closing && this.threads.size < this.maxWorkers) this.addThread();
        this.pump();
      },
    );
    this.threads.add(thread);
    this.idle.push(thread);
  }

  /** First in, first out: the oldest waiting task goes to the thread that has been idle longest. */
  private pump(): void {
    while (this.waiting.length > 0 && this.idle.length > 0) {
      const thread = this.idle.shift()!;
      try {
        thread.start(this.waiting.shift()!);
      } catch {
        this.idle.unshift(thread);
      }
    }
  }
}

export function createExecutor(options: ExecutorOptions): Executor {
  return new WorkerPool(options.maxWorkers);
}
