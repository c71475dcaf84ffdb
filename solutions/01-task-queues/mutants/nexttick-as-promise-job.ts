// The mistake: treating process.nextTick as one more microtask. It is not: Node empties the whole
// nextTick queue before any promise job, even one queued earlier.
export { predictions, type Predictions } from '../index.ts';

export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

export function schedule(queue: Queue, fn: () => void): void {
  if (queue === 'sync') fn();
  else if (queue === 'nextTick') Promise.resolve().then(fn);
  else if (queue === 'microtask') queueMicrotask(fn);
  else if (queue === 'timeout') setTimeout(fn, 0);
  else setImmediate(fn);
}
