import { describe, it } from 'vitest';
import { points, runOrderingScenario } from '@tickwork/testkit';
import { schedule } from '#impl';
import { expectRan } from './schedule-checks.ts';

// Real time on purpose: the point is Node's own queue order, so no virtual clock in this file.
// Each scenario starts from a real macrotask (a vitest test body runs inside a promise job, where
// promise jobs would overtake nextTick). setTimeout(0) against setImmediate is only deterministic
// inside an I/O callback, so that pair is compared only `from: 'io-callback'`.

describe('schedule(queue, fn)', () => {
  it('from an ordinary callback runs sync, then nextTick, then microtask, then timeout, whatever order they were scheduled in', points(2), async () => {
    const order = await runOrderingScenario((log) => {
      schedule('timeout', () => log('timeout'));
      schedule('microtask', () => log('microtask'));
      schedule('nextTick', () => log('nextTick'));
      schedule('sync', () => log('sync'));
    });
    expectRan(
      order,
      ['sync', 'nextTick', 'microtask', 'timeout'],
      'scheduled as timeout, microtask, nextTick, sync from an ordinary callback',
      'the running code finishes, then Node empties the nextTick queue, then the microtask queue, then goes on to timers',
    );
  });

  it("'nextTick' overtakes promise jobs that were queued before it", async () => {
    const order = await runOrderingScenario((log) => {
      Promise.resolve().then(() => log('older promise job'));
      schedule('nextTick', () => log('nextTick'));
    });
    expectRan(
      order,
      ['nextTick', 'older promise job'],
      "with a promise job queued before schedule('nextTick', fn)",
      'Node empties the nextTick queue before it runs any promise job, even an older one',
    );
  });

  it("'nextTick' callbacks queued by a nextTick callback still run before any microtask", async () => {
    const order = await runOrderingScenario((log) => {
      schedule('microtask', () => log('microtask'));
      schedule('nextTick', () => {
        log('nextTick 1');
        schedule('nextTick', () => log('nextTick 2'));
      });
    });
    expectRan(
      order,
      ['nextTick 1', 'nextTick 2', 'microtask'],
      'with a microtask and a nextTick that queues a second nextTick',
      'Node empties the nextTick queue, new arrivals included, before it turns to microtasks',
    );
  });

  it("'microtask' waits behind promise jobs already queued, and runs before any timer or immediate", async () => {
    const order = await runOrderingScenario(
      (log) => {
        setImmediate(() => log('older setImmediate'));
        setTimeout(() => log('older setTimeout'), 0);
        Promise.resolve().then(() => log('older promise job'));
        schedule('microtask', () => log('microtask'));
      },
      { from: 'io-callback' },
    );
    expectRan(
      order,
      ['older promise job', 'microtask', 'older setImmediate', 'older setTimeout'],
      "inside an I/O callback, with older jobs queued before schedule('microtask', fn)",
      'microtasks and promise jobs share one first-in-first-out queue, emptied before any macrotask',
    );
  });

  it('microtasks queued by microtasks all run before any macrotask', points(2), async () => {
    const order = await runOrderingScenario(
      (log) => {
        schedule('timeout', () => log('timeout'));
        schedule('immediate', () => log('immediate'));
        schedule('microtask', () => {
          log('microtask 1');
          schedule('microtask', () => {
            log('microtask 2');
            schedule('microtask', () => log('microtask 3'));
          });
        });
      },
      { from: 'io-callback' },
    );
    const macrotasks = order.filter((label) => label === 'timeout' || label === 'immediate');
    expectRan(
      order,
      ['microtask 1', 'microtask 2', 'microtask 3', ...(macrotasks.length === 2 ? macrotasks : ['immediate', 'timeout'])],
      'with a timeout, an immediate and a chain of microtasks queued by microtasks',
      'Node empties the microtask queue, new arrivals included, before any timer or immediate runs',
    );
  });

  it("inside an I/O callback runs sync, nextTick, microtask, then 'immediate' before 'timeout'", points(2), async () => {
    const order = await runOrderingScenario(
      (log) => {
        schedule('timeout', () => log('timeout'));
        schedule('immediate', () => log('immediate'));
        schedule('microtask', () => log('microtask'));
        schedule('nextTick', () => log('nextTick'));
        schedule('sync', () => log('sync'));
      },
      { from: 'io-callback' },
    );
    expectRan(
      order,
      ['sync', 'nextTick', 'microtask', 'immediate', 'timeout'],
      'scheduled as timeout, immediate, microtask, nextTick, sync inside an I/O callback',
      'after an I/O callback the loop reaches the check phase (setImmediate) before the timers phase (setTimeout)',
    );
  });
});
