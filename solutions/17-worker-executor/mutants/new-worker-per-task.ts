// The mistake: the pool limits how many tasks run at once and queues the rest, but every task gets a
// brand-new worker thread that is thrown away afterwards. Nothing is reused: each task pays a thread's
// start-up cost, and a thousand tasks start a thousand threads.
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

function runInNewWorker(source: string, args: unknown[]): Promise<unknown> {
  const script = `
const { parentPort, workerData } = require('node:worker_threads');
const __name = (target) => target;
parentPort.postMessage((${source})(...workerData));
`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true, workerData: args });
    let answered = false;
    worker.once('message', (value) => {
      answered = true;
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the worker stopped (exit code ${code}) before fn returned`));
    });
  });
}

export function createExecutor({ maxWorkers }: ExecutorOptions): Executor {
  const queue: Array<() => void> = [];
  const running = new Set<Promise<unknown>>();
  let closed = false;

  return {
    run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
      if (closed) return Promise.reject(new Error('the executor is closed'));
      return new Promise<R>((resolve, reject) => {
        const start = (): void => {
          const task = runInNewWorker(fn.toString(), args);
          running.add(task);
          task.then(resolve as (value: unknown) => void, reject).finally(() => {
            running.delete(task);
            queue.shift()?.();
          });
        };
        if (running.size < maxWorkers) start();
        else queue.push(Object.assign(start, { reject }));
      });
    },

    async close() {
      closed = true;
      for (const start of queue.splice(0)) (start as unknown as { reject: (e: Error) => void }).reject(new Error('the executor was closed'));
      await Promise.allSettled([...running]);
    },

    get busy() {
      return running.size;
    },

    get queued() {
      return queue.length;
    },
  };
}
