import { afterAll } from 'vitest';

/**
 * The grader runs many exercises in one worker. A learner's module that replaces a global
 * (Promise.prototype.then, setTimeout, process.exit …) must not change the next exercise's score,
 * so the globals found when the worker first loaded the testkit are put back after every file.
 */
type Target = Record<PropertyKey, unknown>;
const GUARDED: Array<[string, Target, string[]]> = [
  ['globalThis', globalThis as unknown as Target, ['Promise', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date', 'performance', 'AbortController', 'AbortSignal', 'EventTarget']],
  ['Promise', Promise as unknown as Target, ['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'withResolvers']],
  ['Promise.prototype', Promise.prototype as unknown as Target, ['then', 'catch', 'finally']],
  ['process', process as unknown as Target, ['nextTick', 'exit', 'on', 'off', 'emit']],
];

const snapshot = GUARDED.map(([, target, keys]) => keys.map((key) => [target, key, target[key]] as const)).flat();

export function installGlobalsGuard(): void {
  afterAll(() => {
    for (const [target, key, value] of snapshot) {
      if (target[key] !== value) target[key] = value;
    }
  });
}
