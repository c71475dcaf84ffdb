import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import {
  check,
  expectNoAbortListeners,
  fail,
  points,
  realTimers,
  trackConcurrency,
  useVirtualClock,
  type ConcurrencyProbe,
} from '@tickwork/testkit';
import { taskGroup, type TaskGroup } from '#impl';

const clock = useVirtualClock();

/** How an error reads in a failure message: `Error("A failed")`, `AggregateError[…]`. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError) return `AggregateError[${error.errors.map(describeError).join(', ')}]`;
  if (error instanceof Error) return `${error.name}("${error.message}")`;
  return String(error);
}

/**
 * Checks that the group rejected with an AggregateError holding exactly `expected` (any order, each once).
 * `why` says what the learner should take from a mismatch.
 */
function expectAggregateOf(reason: unknown, expected: readonly Error[], why: string): void {
  const wanted = `an AggregateError of [${expected.map(describeError).join(', ')}]`;
  if (!(reason instanceof AggregateError)) {
    fail(`taskGroup rejected with ${describeError(reason)}, expected ${wanted} — ${why}`);
  }
  const got = reason.errors;
  const same = got.length === expected.length && expected.every((error) => got.includes(error));
  check(same, `taskGroup rejected with ${describeError(reason)}, expected ${wanted} — ${why}`);
}

/** A child that ignores its signal: it keeps running until its own timer fires, as badly written code does. */
function stubborn(probe: ConcurrencyProbe, name: string, ms: number, error?: Error): () => Promise<string> {
  return () =>
    new Promise<string>((resolve, reject) => {
      probe.timeline.log(`start ${name}`);
      setTimeout(() => {
        probe.timeline.log(`end ${name}`);
        if (error) reject(error);
        else resolve(name);
      }, ms);
    });
}

describe('taskGroup(body, options)', () => {
  it('waits for the children the body did not await, then resolves with the body’s value', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('A', { ms: 1000 }));
      g.spawn(probe.operation('B', { ms: 3000 }));
      return 'body value';
    });
    const { value, at } = await clock.resolves(group, 'taskGroup(body)');
    check(
      at === 3000,
      `taskGroup resolved at t=${at} ms, but child B ran until t=3000 ms: the group settles only after every child it spawned, awaited or not. Timeline: ${probe.timeline.format()}`,
    );
    check(value === 'body value', `taskGroup resolved with ${JSON.stringify(value)}, expected the body’s return value "body value"`);
  });

  it('spawn starts each child at once with an AbortSignal and returns the child’s promise', async () => {
    const probe = trackConcurrency(clock.now);
    const signals: AbortSignal[] = [];
    const withSignal = (name: string, ms: number) => (signal: AbortSignal) => {
      signals.push(signal);
      return probe.operation(name, { ms, value: `${name} done` })(signal);
    };
    const group = taskGroup(async (g) => {
      const a = g.spawn(withSignal('A', 2000));
      const b = g.spawn(withSignal('B', 1000));
      return [await a, await b];
    });
    const { value, at } = await clock.resolves(group, 'taskGroup(body)');
    probe.timeline.expectAt('start A', 0);
    probe.timeline.expectAt('start B', 0, 'spawn starts the child right away: the two children run side by side');
    check(
      signals.length === 2 && signals.every((s) => s instanceof AbortSignal && !s.aborted),
      'each child must be called with an AbortSignal that is not aborted while all goes well',
    );
    check(
      JSON.stringify(value) === JSON.stringify(['A done', 'B done']),
      `the body awaited the promises spawn returned and got ${JSON.stringify(value)}, expected ["A done","B done"] (each child’s own value)`,
    );
    check(at === 2000, `taskGroup resolved at t=${at} ms, expected t=2000 ms (the longer child)`);
  });

  it('aborts the siblings as soon as one child fails', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('A', { ms: 1000, error: new Error('A failed') }));
      g.spawn(probe.operation('B', { ms: 3000 }));
      g.spawn(probe.operation('C', { ms: 5000 }));
      return 'body value';
    });
    await clock.rejects(group, 'taskGroup(body)');
    probe.timeline.expectAt('abort B', 1000, 'child A failed at t=1000 ms, so the group must abort the signal it gave B');
    probe.timeline.expectAt('abort C', 1000, 'child A failed at t=1000 ms, so the group must abort the signal it gave C');
  });

  it('rejects with an AggregateError of the real failure, leaving out the children that were only aborted', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const failure = new Error('A failed');
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('A', { ms: 1000, error: failure }));
      // rejects with the group's abort reason when aborted
      const b = g.spawn(probe.operation('B', { ms: 3000 }));
      // rejects with Node's AbortError when aborted
      g.spawn(async (signal) => {
        await sleep(5000, undefined, { signal });
        return 'C';
      });
      return await b;
    });
    const { reason, at } = await clock.rejects(group, 'taskGroup(body)');
    expectAggregateOf(
      reason,
      [failure],
      'children (and a body) that reject only because the group aborted them are not failures: leave their abort errors out',
    );
    check(at === 1000, `taskGroup rejected at t=${at} ms, expected t=1000 ms, when the aborted children had all settled`);
  });

  it('rejects only once every child has settled, and keeps a failure that comes later', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const first = new Error('A failed');
    const later = new Error('C failed while ignoring the abort');
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('A', { ms: 1000, error: first }));
      g.spawn(stubborn(probe, 'B', 3000));
      g.spawn(stubborn(probe, 'C', 4000, later));
      return 'body value';
    });
    const { reason, at } = await clock.rejects(group, 'taskGroup(body)');
    check(
      at === 4000,
      `taskGroup rejected at t=${at} ms, but children B and C ignored the abort and ran until t=3000 and t=4000 ms: the group must wait for all of them before it settles`,
    );
    expectAggregateOf(reason, [first, later], 'every failure that is not an abort belongs in the AggregateError, including one after the first');
  });

  it('reports a child’s error once, even when the body awaited that child and rethrew its error', async () => {
    const probe = trackConcurrency(clock.now);
    const failure = new Error('A failed');
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('B', { ms: 3000 }));
      return await g.spawn(probe.operation('A', { ms: 1000, error: failure }));
    });
    const { reason } = await clock.rejects(group, 'taskGroup(body)');
    expectAggregateOf(reason, [failure], 'one failure, one entry: the body only passed A’s error on');
  });

  it('when the body fails, aborts the children and rejects with an AggregateError holding the body’s error', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const bodyError = new Error('body failed');
    const group = taskGroup(async (g) => {
      g.spawn(probe.operation('A', { ms: 3000 }));
      g.spawn(probe.operation('B', { ms: 5000 }));
      await sleep(1000);
      throw bodyError;
    });
    const { reason, at } = await clock.rejects(group, 'taskGroup(body)');
    probe.timeline.expectAt('abort A', 1000, 'the body threw at t=1000 ms: its children must be aborted then');
    probe.timeline.expectAt('abort B', 1000, 'the body threw at t=1000 ms: its children must be aborted then');
    expectAggregateOf(reason, [bodyError], 'like Python’s ExceptionGroup, the body’s own error goes into the AggregateError');
    check(at === 1000, `taskGroup rejected at t=${at} ms, expected t=1000 ms`);
  });

  it('an outer abort reaches every child and the group rejects with the signal’s reason', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const outer = new AbortController();
    const reason = new Error('the user pressed cancel');
    setTimeout(() => outer.abort(reason), 1000);
    const group = taskGroup(
      async (g) => Promise.all([g.spawn(probe.operation('A', { ms: 3000 })), g.spawn(probe.operation('B', { ms: 5000 }))]),
      { signal: outer.signal },
    );
    const result = await clock.rejects(group, 'taskGroup(body, { signal })');
    probe.timeline.expectAt('abort A', 1000, 'the outer signal aborted at t=1000 ms');
    probe.timeline.expectAt('abort B', 1000, 'the outer signal aborted at t=1000 ms');
    check(
      result.reason === reason,
      `taskGroup rejected with ${describeError(result.reason)}, expected the outer signal’s reason ${describeError(reason)} itself`,
    );
    check(result.at === 1000, `taskGroup rejected at t=${result.at} ms, expected t=1000 ms`);
  });

  it('rejects with the reason of a signal that was aborted before it started', async () => {
    const reason = new Error('cancelled before the start');
    const group = taskGroup(async () => 'body value', { signal: AbortSignal.abort(reason) });
    const result = await clock.rejects(group, 'taskGroup(body, { signal })');
    check(result.reason === reason, `taskGroup rejected with ${describeError(result.reason)}, expected the signal’s reason ${describeError(reason)}`);
  });

  it('removes its listener from the outer signal when it settles', async () => {
    const outer = new AbortController();
    const probe = trackConcurrency(clock.now);
    await clock.resolves(
      taskGroup(async (g) => g.spawn(probe.operation('A', { ms: 1000 })), { signal: outer.signal }),
      'taskGroup(body, { signal })',
    );
    expectNoAbortListeners(outer.signal, 'taskGroup resolved');
    await clock.rejects(
      taskGroup(async (g) => g.spawn(probe.operation('B', { ms: 1000, error: new Error('B failed') })), { signal: outer.signal }),
      'taskGroup(body, { signal })',
    );
    expectNoAbortListeners(outer.signal, 'taskGroup rejected');
  });

  it('lets a child spawn until the group settles; after that, spawn throws', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    let captured: TaskGroup | undefined;
    const group = taskGroup(async (g) => {
      captured = g;
      // A child that spawns a grandchild after the body has returned: still inside the group.
      g.spawn(async () => {
        await sleep(1000);
        return g.spawn(probe.operation('late', { ms: 1000 }));
      });
      return 'body value';
    });
    const { at } = await clock.resolves(group, 'taskGroup(body)');
    check(at === 2000, `taskGroup resolved at t=${at} ms, expected t=2000 ms: a child spawned by a child (t=1000 to 2000 ms) belongs to the group too`);

    const expectSpawnThrows = (g: TaskGroup | undefined, when: string): void => {
      let called = false;
      let threw = false;
      try {
        void g?.spawn(async () => {
          called = true;
          return 'too late';
        });
      } catch {
        threw = true;
      }
      check(threw, `spawn() did not throw when called after the group ${when}: a settled group must refuse new children`);
      check(!called, `spawn() ran the child after the group ${when}: nobody would wait for it or see its error`);
    };
    expectSpawnThrows(captured, 'resolved');

    let capturedFailing: TaskGroup | undefined;
    await clock.rejects(
      taskGroup(async (g) => {
        capturedFailing = g;
        throw new Error('body failed');
      }),
      'taskGroup(body)',
    );
    expectSpawnThrows(capturedFailing, 'rejected');
  });

  it('never lets a spawned child’s rejection go unhandled, even when the body never awaits it', points(2), async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const probe = trackConcurrency(clock.now);
      const failure = new Error('A failed');
      const group = taskGroup(async (g) => {
        g.spawn(probe.operation('A', { ms: 1000, error: failure }));
        await sleep(2000); // the body is busy, not awaiting A, when A fails
        return 'body value';
      });
      const { reason } = await clock.rejects(group, 'taskGroup(body)');
      // Node reports unhandled rejections once the microtask queue is empty: give it a real turn.
      await new Promise((resolve) => realTimers.setImmediate(resolve));
      check(
        unhandled.length === 0,
        `${unhandled.length} promise(s) rejected with nobody handling them (${describeError(unhandled[0])}): the promise spawn() returns, and any promise you derive from it, needs a handler even if the body never awaits it`,
      );
      expectAggregateOf(reason, [failure], 'the group itself reports the failure nobody awaited');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
