// The mistake: taking the names at their word — "immediate" sounds like it runs before a 0 ms
// timeout, so the learner wires 'timeout' to setImmediate and 'immediate' to setTimeout.
export { predictions, type Predictions } from '../index.ts';

export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

export function schedule(queue: Queue, fn: () => void): void {
  if (queue === 'sync') fn();
  else if (queue === 'nextTick') process.nextTick(fn);
  else if (queue === 'microtask') queueMicrotask(fn);
  else if (queue === 'timeout') setImmediate(fn);
  else setTimeout(fn, 0);
}
