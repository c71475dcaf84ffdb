// The mistake (in the predictions): "nextTick always runs before promise jobs". Only between
// callbacks: a nextTick queued from inside a promise job waits until the microtask queue is empty.
export { schedule, type Queue, type Predictions } from '../index.ts';
import { predictions as right } from '../index.ts';

export const predictions = {
  ...right,
  snippetB: ['sync', 'nextTick', 'then', 'nextTick from then', 'microtask from then', 'timeout'],
};
