// The mistake: "a microtask runs later, so a 0 ms timer will do". A timer is a macrotask: it waits
// for the loop's next timers phase, after every microtask and, inside an I/O callback, after setImmediate.
export { predictions, type Predictions } from '../index.ts';

export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

export function schedule(queue: Queue, fn: () => void): void {
  if (queue === 'sync') fn();
  else if (queue === 'nextTick') process.nextTick(fn);
  else if (queue === 'microtask') setTimeout(fn, 0);
  else if (queue === 'timeout') setTimeout(fn, 0);
  else setImmediate(fn);
}
