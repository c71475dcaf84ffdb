// A different style: a switch, a promise job for 'microtask', and node:timers/promises for the
// two macrotasks (the timer's promise settles in the timers / check phase, and its .then runs there).
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';

export { predictions, type Predictions } from '../index.ts';

export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

export function schedule(queue: Queue, fn: () => void): void {
  switch (queue) {
    case 'sync':
      fn();
      return;
    case 'nextTick':
      process.nextTick(fn);
      return;
    case 'microtask':
      Promise.resolve().then(fn);
      return;
    case 'timeout':
      sleep(0).then(fn);
      return;
    case 'immediate':
      immediate().then(fn);
      return;
    default:
      throw new TypeError(`schedule: unknown queue ${JSON.stringify(queue satisfies never)}`);
  }
}
