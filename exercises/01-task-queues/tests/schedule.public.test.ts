import { describe, it } from 'vitest';
import { fail, points, runOrderingScenario } from '@tickwork/testkit';
import { schedule } from '#impl';
import { QUEUES, expectRan, list } from './schedule-checks.ts';

// Public tests: they ship with the student edition (docs/student-edition.md); the rest are hidden.
// Real time on purpose, as in schedule.test.ts: the point is Node's own queue order.

describe('schedule(queue, fn)', () => {
  it("'sync' calls fn right away, before schedule returns", () => {
    const calls: string[] = [];
    schedule('sync', () => calls.push('fn'));
    calls.push('schedule returned');
    expectRan(calls, ['fn', 'schedule returned'], "with schedule('sync', fn)", "'sync' means now, on the current call stack, not later");
  });

  it('calls fn exactly once, whatever the queue', points(2), async () => {
    const order = await runOrderingScenario((log) => {
      for (const queue of QUEUES) schedule(queue, () => log(queue));
    });
    for (const queue of QUEUES) {
      const times = order.filter((label) => label === queue).length;
      if (times !== 1) {
        fail(`schedule('${queue}', fn) called fn ${times === 0 ? 'never' : `${times} times`}; it must call it exactly once. Calls seen, in order: ${list(order)}.`);
      }
    }
  });
});
