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

/**
 * The script every worker of the pool evaluates once, then keeps running: it waits for tasks on
 * parentPort and answers each one. `fn` arrives as source text and is rebuilt with `new Function`,
 * so its only surroundings are the globals and a stand-in for esbuild's `__name` helper (keepNames,
 * used by tsx and vitest, wraps named inner functions in `__name(...)`, which lives in the caller's
 * module, not in fn's text).
 */
const WORKER_SCRIPT = `
'use strict';
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ source, args }) => {
  let reply;
  try {
    const fn = new Function('__name', 'return (' + source + ');')((target) => target);
    reply = { ok: true, value: fn(...args) };
  } catch (error) {
    reply = { ok: false, error };
  }
  try {
    parentPort.postMessage(reply);
  } catch (error) {
    // The result could not be cloned (a function, a class instance with private state …).
    parentPort.postMessage({ ok: false, error });
  }
});
`;

type Reply = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Task {
  source: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: Promise<unknown>;
}

/** One worker thread of the pool and the task it runs, if any. */
interface Slot {
  worker: Worker;
  task: Task | undefined;
  /** What the worker threw outside any task's try/catch; its 'exit' follows. */
  crash: unknown;
}

export function createExecutor({ maxWorkers }: ExecutorOptions): Executor {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers must be an integer of at least 1, got ${String(maxWorkers)}`);
  }
  const queue: Task[] = [];
  const slots = new Set<Slot>();
  let closing: Promise<void> | undefined;

  const busyCount = (): number => [...slots].filter((slot) => slot.task !== undefined).length;

  function startWorker(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_SCRIPT, { eval: true }), task: undefined, crash: undefined };
    slots.add(slot);
    slot.worker.on('message', (reply: Reply) => {
      const task = slot.task;
      slot.task = undefined;
      if (reply.ok) task?.resolve(reply.value);
      else task?.reject(reply.error);
      dispatch();
    });
    slot.worker.on('error', (error) => {
      slot.crash = error;
    });
    // The thread is gone: by process.exit() in fn, an uncaught error, or terminate() from close().
    // Only the task it was running fails; dispatch() starts a new worker if work is waiting.
    slot.worker.on('exit', (code) => {
      slots.delete(slot);
      const task = slot.task;
      slot.task = undefined;
      task?.reject(
        slot.crash instanceof Error ? slot.crash : new Error(`the worker running this task stopped (exit code ${code}) before fn returned`),
      );
      dispatch();
    });
    return slot;
  }

  /** Hands queued tasks, oldest first, to idle workers, starting workers up to maxWorkers. */
  function dispatch(): void {
    while (queue.length > 0) {
      const slot = [...slots].find((s) => s.task === undefined) ?? (slots.size < maxWorkers ? startWorker() : undefined);
      if (slot === undefined) return;
      const task = queue.shift()!;
      slot.task = task;
      try {
        slot.worker.postMessage({ source: task.source, args: task.args });
      } catch (error) {
        // The arguments could not be cloned: this task fails, the worker stays free.
        slot.task = undefined;
        task.reject(error);
      }
    }
  }

  return {
    run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
      if (closing) return Promise.reject(new Error('the executor is closed: run() takes no new tasks'));
      let resolve!: (value: unknown) => void;
      let reject!: (error: unknown) => void;
      const settled = new Promise<unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      queue.push({ source: fn.toString(), args, resolve, reject, settled });
      dispatch();
      return settled as Promise<R>;
    },

    close(): Promise<void> {
      closing ??= (async () => {
        for (const task of queue.splice(0)) task.reject(new Error('the executor was closed before this task started'));
        const running = [...slots].flatMap((slot) => (slot.task ? [slot.task.settled] : []));
        await Promise.allSettled(running);
        await Promise.all([...slots].map((slot) => slot.worker.terminate()));
      })();
      return closing;
    },

    get busy() {
      return busyCount();
    },

    get queued() {
      return queue.length;
    },
  };
}
