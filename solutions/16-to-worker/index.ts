import { Worker } from 'node:worker_threads';

/**
 * The script each worker evaluates. `fn` arrives as source text, so it is rebuilt here, far from the
 * module it was written in: it can use globals and its own arguments, nothing else.
 */
function workerSource(fnSource: string): string {
  return `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
// Tools that keep function names (esbuild's keepNames, which vitest and tsx use) rewrite a named
// inner function as __name(function f() {}, "f"). The __name helper lives in the caller's module,
// not in fn's source, so without this stand-in such a function would throw a ReferenceError here.
const __name = (target) => target;
const fn = (${fnSource});
// A throw here is an uncaught exception of the worker: Node hands the error to the main thread's
// 'error' listener, message and all.
parentPort.postMessage(fn(...workerData));
`;
}

export function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    // workerData is a structured clone of the arguments: Maps, Dates, typed arrays survive the trip.
    const worker = new Worker(workerSource(fn.toString()), { eval: true, workerData: args });
    let outcome: { ok: true; value: R } | { ok: false; error: Error } | undefined;

    worker.once('message', (value: R) => {
      outcome = { ok: true, value };
      // fn may have left a timer or a socket behind that would keep its thread alive: stop it now.
      void worker.terminate();
    });
    worker.once('error', (error: unknown) => {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    });
    // Settle only once the thread is gone, so nothing of this call outlives its promise.
    worker.once('exit', (code) => {
      if (outcome === undefined) reject(new Error(`the worker stopped (exit code ${code}) before fn returned`));
      else if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  });
}
