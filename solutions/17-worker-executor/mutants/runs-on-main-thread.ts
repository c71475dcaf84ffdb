// The mistake: believing that an async function runs somewhere else. This pool keeps count, limits
// and queues faithfully, but it calls fn right here, on the main thread: every CPU-bound task freezes
// the event loop while it runs, and "parallel" tasks run one after the other.
export interface ExecutorOptions {
  maxWorkers: number;
}

export interface Executor {
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
  close(): Promise<void>;
  readonly busy: number;
  readonly queued: number;
}

export function createExecutor({ maxWorkers }: ExecutorOptions): Executor {
  const waiting: Array<{ start: () => void; reject: (error: Error) => void }> = [];
  let busy = 0;
  let closed = false;

  return {
    run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
      if (closed) return Promise.reject(new Error('the executor is closed'));
      return new Promise<R>((resolve, reject) => {
        const start = async (): Promise<void> => {
          busy++;
          try {
            await Promise.resolve(); // "let the loop breathe" — then the work blocks it all the same
            resolve(fn(...args));
          } catch (error) {
            reject(error);
          } finally {
            busy--;
            waiting.shift()?.start();
          }
        };
        if (busy < maxWorkers) void start();
        else waiting.push({ start: () => void start(), reject });
      });
    },

    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.reject(new Error('the executor was closed'));
    },

    get busy() {
      return busy;
    },

    get queued() {
      return waiting.length;
    },
  };
}
