import { createRequire, syncBuiltinESMExports } from 'node:module';

/**
 * @sinonjs/fake-timers replaces the globals only. A correct solution may just as well use
 * `node:timers/promises`, `node:timers` or `AbortSignal.timeout()`, which would keep waiting in
 * real time. We point those at the (faked) globals while a virtual clock is installed.
 *
 * Builtin ESM exports are live bindings of the CommonJS module object once
 * `syncBuiltinESMExports()` runs, so this reaches `import { setTimeout } from 'node:timers/promises'`
 * in learner code and in npm libraries alike.
 */
const require = createRequire(import.meta.url);
type Mutable = Record<string, unknown>;
const timersPromises = require('node:timers/promises') as Mutable;
const timers = require('node:timers') as Mutable;

const PROMISE_APIS = ['setTimeout', 'setImmediate', 'setInterval', 'scheduler'] as const;
const TIMER_APIS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] as const;

interface TimerOptions {
  signal?: AbortSignal;
  ref?: boolean;
}

/** Node's own shape for a timers/promises abort: name AbortError, code ABORT_ERR, cause = reason. */
function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason }) as Error & { code: string };
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  return error;
}

function waitFor<T>(schedule: (done: () => void) => unknown, cancel: (handle: unknown) => void, value: T, options: TimerOptions = {}): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      cancel(handle);
      reject(abortError(signal!));
    };
    const handle = schedule(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function virtualSleep<T>(ms?: number, value?: T, options?: TimerOptions): Promise<T> {
  return waitFor((done) => globalThis.setTimeout(done, ms), (h) => globalThis.clearTimeout(h as never), value as T, options);
}

function virtualImmediate<T>(value?: T, options?: TimerOptions): Promise<T> {
  return waitFor((done) => globalThis.setImmediate(done), (h) => globalThis.clearImmediate(h as never), value as T, options);
}

async function* virtualInterval<T>(ms?: number, value?: T, options?: TimerOptions): AsyncGenerator<T> {
  for (;;) {
    yield await virtualSleep(ms, value, options);
  }
}

const virtualPromiseApis: Mutable = {
  setTimeout: virtualSleep,
  setImmediate: virtualImmediate,
  setInterval: virtualInterval,
  scheduler: {
    wait: (ms: number, options?: TimerOptions) => virtualSleep(ms, undefined, options),
    yield: () => virtualImmediate(),
  },
};

/** Timers made by `AbortSignal.timeout` are unref'd in Node: they never count as a leak. */
export const abortTimeoutCallbacks = new WeakSet<object>();

function virtualAbortTimeout(ms: number): AbortSignal {
  const controller = new AbortController();
  const fire = (): void => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  abortTimeoutCallbacks.add(fire);
  globalThis.setTimeout(fire, ms);
  return controller.signal;
}

/**
 * The real APIs, captured when the testkit loads. @sinonjs/fake-timers patches the CommonJS module
 * objects itself (without syncing the ESM bindings, and rejecting aborts with the bare reason where
 * Node rejects with an AbortError), so we restore from these, not from whatever was there at install.
 */
const originals = {
  promises: Object.fromEntries(PROMISE_APIS.map((k) => [k, timersPromises[k]])),
  timers: Object.fromEntries(TIMER_APIS.map((k) => [k, timers[k]])),
  abortTimeout: AbortSignal.timeout,
};

/** Call after the global timers are faked: the module APIs then follow the virtual clock. */
export function routeNodeTimeApis(): void {
  for (const key of PROMISE_APIS) timersPromises[key] = virtualPromiseApis[key];
  const globals = globalThis as unknown as Mutable;
  for (const key of TIMER_APIS) timers[key] = globals[key];
  AbortSignal.timeout = virtualAbortTimeout;
  syncBuiltinESMExports();
}

/** Call after the fake timers are uninstalled. */
export function restoreNodeTimeApis(): void {
  Object.assign(timersPromises, originals.promises);
  Object.assign(timers, originals.timers);
  AbortSignal.timeout = originals.abortTimeout;
  syncBuiltinESMExports();
}
