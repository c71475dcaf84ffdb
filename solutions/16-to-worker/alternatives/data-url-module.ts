// An alternative: the worker is an ES module loaded from a data: URL, the arguments travel by
// postMessage, and the main side is plain async/await over events.once(). The worker is terminated in
// `finally`, so it is gone whether fn returned or threw.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

function workerModule(fnSource: string): URL {
  const source = [
    "import { parentPort } from 'node:worker_threads';",
    // Stand-in for the __name helper that keepNames transforms (esbuild, tsx) put around named inner functions.
    'const __name = (target) => target;',
    `const fn = (${fnSource});`,
    // A throw in this listener is an uncaught exception: the main side gets it as an 'error' event.
    "parentPort.once('message', (args) => parentPort.postMessage(fn(...args)));",
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

export async function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  const worker = new Worker(workerModule(fn.toString()));
  try {
    worker.postMessage(args);
    // once() rejects when the emitter emits 'error': that is how fn's exception reaches the caller.
    const stoppedEarly = once(worker, 'exit').then(([code]) => {
      throw new Error(`the worker stopped (exit code ${String(code)}) before fn returned`);
    });
    const [value] = (await Promise.race([once(worker, 'message'), stoppedEarly])) as [R];
    return value;
  } finally {
    await worker.terminate();
  }
}
