// The mistake: the 'error' event is listened to, but its argument is dropped for a generic message.
// The caller learns that something failed, never what.
import { Worker } from 'node:worker_threads';

export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  const source = `
const { parentPort, workerData } = require('node:worker_threads');
const __name = (target) => target;
parentPort.postMessage((${fn.toString()})(...workerData));
`;
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: args });
    worker.once('message', resolve);
    worker.once('error', () => reject(new Error('runInWorker: the worker failed')));
  });
}
