import type { OrderingOptions } from '@tickwork/testkit';

/**
 * The three snippets of README.md, character for character inside each body: the learner predicts
 * their order, predictions.test.ts runs them for real. Edit both places together.
 */
export interface Snippet {
  /** The key in `predictions`. */
  key: 'snippetA' | 'snippetB' | 'snippetC';
  /** How the README names it. */
  title: string;
  /** Where the snippet runs: an ordinary callback, or an fs callback for snippet C. */
  from: NonNullable<OrderingOptions['from']>;
  run: (log: (label: string) => void) => void;
}

export const SNIPPETS: readonly Snippet[] = [
  {
    key: 'snippetA',
    title: 'snippet A (five labels, four queues)',
    from: 'macrotask',
    run: (log) => {
      setTimeout(() => log('timeout'), 0);
      queueMicrotask(() => log('microtask'));
      Promise.resolve().then(() => log('promise'));
      process.nextTick(() => log('nextTick'));
      log('sync');
    },
  },
  {
    key: 'snippetB',
    title: 'snippet B (a microtask that queues more work)',
    from: 'macrotask',
    run: (log) => {
      setTimeout(() => log('timeout'), 0);
      Promise.resolve().then(() => {
        log('then');
        queueMicrotask(() => log('microtask from then'));
        process.nextTick(() => log('nextTick from then'));
      });
      process.nextTick(() => log('nextTick'));
      log('sync');
    },
  },
  {
    key: 'snippetC',
    title: 'snippet C (inside an I/O callback)',
    from: 'io-callback',
    run: (log) => {
      setTimeout(() => log('timeout'), 0);
      setImmediate(() => {
        log('immediate');
        Promise.resolve().then(() => log('promise from immediate'));
      });
      process.nextTick(() => log('nextTick'));
      log('sync');
    },
  },
];
