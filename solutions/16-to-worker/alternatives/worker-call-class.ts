// An alternative: a small class per call, with its own MessageChannel for the reply and an explicit
// dispose() that closes the port and terminates the worker, whichever way the call ends.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

const WORKER_SCRIPT = `
const { workerData } = require('node:worker_threads');
const __name = (target) => target; // keepNames helper (esbuild, tsx): see the reference solution
const { source, args, reply } = workerData;
try {
  reply.postMessage({ ok: true, value: (0, eval)('(' + source + ')')(...args) });
} catch (error) {
  reply.postMessage({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
}
`;

type Reply<R> = { ok: true; value: R } | { ok: false; error: Error };

class WorkerCall<R> {
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;
  readonly result: Promise<R>;

  constructor(source: string, args: unknown[]) {
    const reply: MessagePort = this.channel.port2;
    this.worker = new Worker(WORKER_SCRIPT, {
      eval: true,
      workerData: { source, args, reply },
      transferList: [reply],
    });
    this.result = new Promise<R>((resolve, reject) => {
      this.channel.port1.once('message', (message: Reply<R>) => {
        if (message.ok) resolve(message.value);
        else reject(message.error);
      });
      this.worker.once('error', reject);
      // Not the worker's 'exit': it can overtake a reply still travelling on this separate channel.
      // The port closes when the worker's end goes away, after the messages it sent were delivered.
      this.channel.port1.once('close', () => reject(new Error('the worker stopped before fn returned')));
    });
  }

  async dispose(): Promise<void> {
    this.channel.port1.close();
    await this.worker.terminate();
  }
}

export async function runInWorker<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  const call = new WorkerCall<R>(fn.toString(), args);
  try {
    return await call.result;
  } finally {
    await call.dispose();
  }
}
