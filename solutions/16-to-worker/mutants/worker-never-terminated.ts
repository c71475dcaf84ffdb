// The mistake: the worker listens for a job on parentPort and answers, and nobody ever terminates it.
// The promise resolves, but the thread lives on, waiting for a message that never comes.
import { Worker } from 'node:worker_threads';

const WORKER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const __name = (target) => target;
parentPort.on('message', ({ source, args }) => {
  try {
    parentPort.postMessage({ ok: true, value: eval('(' + source + ')')(...args) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error });
  }
});
`;

export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { eval: true });
    worker.once('message', (reply: { ok: true; value: R } | { ok: false; error: Error }) => {
      if (reply.ok) resolve(reply.value);
      else reject(reply.error);
    });
    worker.once('error', reject);
    worker.postMessage({ source: fn.toString(), args });
  });
}
