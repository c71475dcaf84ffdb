// The mistake (in the predictions): "a 0 ms timeout is due at once, so it beats setImmediate".
// Inside an I/O callback the loop reaches the check phase first, so the immediate always wins.
export { schedule, type Queue, type Predictions } from '../index.ts';
import { predictions as right } from '../index.ts';

export const predictions = {
  ...right,
  snippetC: ['sync', 'nextTick', 'timeout', 'immediate', 'promise from immediate'],
};
