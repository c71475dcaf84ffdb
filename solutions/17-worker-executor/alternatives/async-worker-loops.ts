// An alternative: each of the maxWorkers slots is an async loop that waits for the next task, runs it
// on its own worker thread (started lazily, on the slot's first task) and goes back for the next one.
// The tasks go out by handing them to a waiting loop; the replies are read with events.once(), and
// each task gets its own MessageChannel, whose port closes if the thread dies mid-task.
import { once } from 'node:events';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

export interface ExecutorOptions {
  maxWorkers: number;
}

export interface Executor {
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
  close(): Promise<void>;
  readonly busy: number;
  readonly queued: number;
}

const WORKER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const __name = (target) => target; // keepNames helper (esbuild, tsx): see the reference solution
parentPort.on('message', ({ source, args, reply }) => {
  try {
    reply.postMessage({ ok: true, value: (0, eval)('(' + source + ')')(...args) });
  } catch (error) {
    reply.postMessage({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
  }
  reply.close();
});
`;

type Reply = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Task {
  source: string;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs one task on `worker` and returns the reply; rejects if the thread ends before it answers. */
async function runOn(worker: Worker, task: Task): Promise<Reply> {
  const { port1, port2 } = new MessageChannel();
  try {
    worker.postMessage({ source: task.source, args: task.args, reply: port2 }, [port2 as MessagePort]);
    const answer = once(port1, 'message').then(([reply]) => reply as Reply);
    // The worker closes its end after replying; if it closes without a reply, the thread died.
    const died = once(port1, 'close').then(() => {
      throw new Error('the worker stopped before fn returned');
    });
    return await Promise.race([answer, died]);
  } finally {
    port1.close();
  }
}

export function createExecutor({ maxWorkers }: ExecutorOptions): Executor {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) throw new RangeError(`maxWorkers must be an integer >= 1, got ${maxWorkers}`);
  const queue: Task[] = [];
  /** Loops waiting for a task, oldest first: run() hands a task straight to one. */
  const waitingLoops: Array<(task: Task | undefined) => void> = [];
  const loops: Promise<void>[] = [];
  let busy = 0;
  let closed = false;

  function nextTask(): Promise<Task | undefined> {
    if (queue.length > 0) {
      busy++;
      return Promise.resolve(queue.shift());
    }
    if (closed) return Promise.resolve(undefined);
    return new Promise((resolve) => waitingLoops.push(resolve));
  }

  async function loop(first: Task): Promise<void> {
    let worker: Worker | undefined;
    for (let task: Task | undefined = first; task !== undefined; task = await nextTask()) {
      worker ??= new Worker(WORKER_SCRIPT, { eval: true });
      try {
        const reply = await runOn(worker, task);
        if (reply.ok) task.resolve(reply.value);
        else task.reject(reply.error);
      } catch (error) {
        task.reject(error);
        // The thread died (or is in a state no longer to be trusted): end it, and the next task gets a fresh one.
        const stale = worker;
        worker = undefined;
        await stale.terminate();
      } finally {
        busy--;
      }
    }
    await worker?.terminate();
  }

  return {
    run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
      if (closed) return Promise.reject(new Error('the executor is closed'));
      return new Promise<R>((resolve, reject) => {
        const task: Task = { source: fn.toString(), args, resolve: resolve as (value: unknown) => void, reject };
        const idleLoop = waitingLoops.shift();
        if (idleLoop) {
          busy++;
          idleLoop(task);
        } else if (loops.length < maxWorkers) {
          busy++;
          loops.push(loop(task));
        } else {
          queue.push(task);
        }
      });
    },

    async close() {
      if (!closed) {
        closed = true;
        for (const task of queue.splice(0)) task.reject(new Error('the executor was closed before this task started'));
        for (const wake of waitingLoops.splice(0)) wake(undefined);
      }
      await Promise.all(loops);
    },

    get busy() {
      return busy;
    },

    get queued() {
      return queue.length;
    },
  };
}
