// The mistake: one long-lived worker for every call, to save the start-up cost. A thread runs one
// thing at a time, so the calls queue up behind each other instead of running in parallel, and the
// shared worker stays alive after every call has settled.
import { Worker } from 'node:worker_threads';

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Error };

const WORKER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const __name = (target) => target;
parentPort.on('message', ({ id, source, args }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: eval('(' + source + ')')(...args) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error });
  }
});
`;

let shared: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function sharedWorker(): Worker {
  if (shared === undefined) {
    shared = new Worker(WORKER_SCRIPT, { eval: true });
    shared.unref(); // so that the idle worker does not keep the process running
    shared.on('message', (reply: Reply) => {
      const call = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) call?.resolve(reply.value);
      else call?.reject(reply.error);
    });
  }
  return shared;
}

export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    sharedWorker().postMessage({ id, source: fn.toString(), args });
  });
}
