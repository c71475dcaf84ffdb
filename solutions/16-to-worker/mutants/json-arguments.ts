// The mistake: since fn travels as text, the arguments are pasted into the script as JSON too.
// JSON has no Map, Set or Date: a Map arrives as {}, a Date as a string, and fn computes garbage.
import { Worker } from 'node:worker_threads';

export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  const source = `
const { parentPort } = require('node:worker_threads');
const __name = (target) => target;
const args = ${JSON.stringify(args)};
parentPort.postMessage((${fn.toString()})(...args));
`;
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    worker.once('message', (value: R) => {
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
