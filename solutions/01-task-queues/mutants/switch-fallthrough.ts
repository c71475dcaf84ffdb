// The mistake: a switch without `break`. 'timeout' falls through into 'immediate', so its callback
// is scheduled twice and runs twice.
export { predictions, type Predictions } from '../index.ts';

export type Queue = 'sync' | 'nextTick' | 'microtask' | 'timeout' | 'immediate';

export function schedule(queue: Queue, fn: () => void): void {
  switch (queue) {
    case 'sync':
      fn();
      break;
    case 'nextTick':
      process.nextTick(fn);
      break;
    case 'microtask':
      queueMicrotask(fn);
      break;
    case 'timeout':
      setTimeout(fn, 0);
    case 'immediate':
      setImmediate(fn);
  }
}
