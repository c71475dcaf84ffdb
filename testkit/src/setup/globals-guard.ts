import { afterAll } from 'vitest';

/**
 * The grader runs many exercises in one worker. A learner's module that replaces a global
 * (Promise.prototype.then, setTimeout, process.exit …), sets process.exitCode or leaves listeners on
 * the real process must not change the next exercise's score, so what the worker had when it first
 * loaded the testkit is put back after every file.
 */
type Target = Record<PropertyKey, unknown>;
const GUARDED: Array<[Target, string[]]> = [
  [globalThis as unknown as Target, ['Promise', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date', 'performance', 'AbortController', 'AbortSignal', 'EventTarget']],
  [Promise as unknown as Target, ['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'withResolvers']],
  [Promise.prototype as unknown as Target, ['then', 'catch', 'finally']],
  [process as unknown as Target, ['nextTick', 'exit', 'on', 'off', 'once', 'emit', 'addListener', 'removeListener']],
];
const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'warning', 'uncaughtException'] as const;

const properties = GUARDED.flatMap(([target, keys]) => keys.map((key) => [target, key, target[key]] as const));
// Typed loosely: Node's overloads for process.listeners() take one event name at a time.
const listenersOf = (event: string): Function[] => (process as unknown as { listeners(e: string): Function[] }).listeners(event);
const listeners = PROCESS_EVENTS.map((event) => [event, new Set(listenersOf(event))] as const);
const exitCode = process.exitCode;

export function installGlobalsGuard(): void {
  afterAll(() => {
    for (const [target, key, value] of properties) {
      if (target[key] !== value) target[key] = value;
    }
    for (const [event, original] of listeners) {
      for (const listener of listenersOf(event)) {
        if (!original.has(listener)) process.removeListener(event, listener as never);
      }
    }
    process.exitCode = exitCode;
  });
}
