import { describe, expect, it } from 'vitest';
import { check, expectResponsive, fail, isNotImplemented, points, probeResponsiveness } from '@tickwork/testkit';
import { runInWorker } from '#impl';
import { add, failWith, spinAlongside, spinFor, startHeartbeat, summariseOrders } from './sent-to-worker.ts';
import { expectNoNewHandles, expectThreadEnded } from './thread-checks.ts';

// Real parallelism is the point of this exercise: no virtual clock here, every time is real.

/** Turns a settled promise into a value, so a test can say what it got instead of just throwing. */
function outcomeOf<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => {
      if (isNotImplemented(error)) throw error; // the stub's own message is what the learner should read
      return { error };
    },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How long each of two parallel calls waits, spinning, for the other one to start. */
const PARTNER_WAIT_MS = 5000;

const ON_MAIN_THREAD = 'fn ran on the main thread: runInWorker must run it on a worker thread, so that the event loop stays free';

describe('runInWorker(fn, ...args)', () => {
  it('resolves with what fn returns', async () => {
    const sum = await runInWorker(add, 2, 40);
    expect(sum, 'runInWorker(add, 2, 40) should resolve with add(2, 40)').toBe(42);
  });

  it('passes structured values both ways: Map, Set, Date and nested objects', async () => {
    const orders = new Map([
      ['ada', [12, 30]],
      ['linus', [5]],
    ]);
    const outcome = await outcomeOf(runInWorker(summariseOrders, orders, new Date('2024-03-01T00:00:00Z')));
    if ('error' in outcome) {
      fail(
        `runInWorker(summariseOrders, orders, since) rejected with "${messageOf(outcome.error)}": fn must receive ` +
          'its arguments as structured clones, a Map as a Map and a Date as a Date (JSON would turn a Map into {} and a Date into a string)',
      );
    }
    expect(
      outcome.value,
      'the arguments and the result must arrive as structured clones (a Map stays a Map, a Date a Date), not as JSON',
    ).toEqual({
      totals: new Map([
        ['ada', 42],
        ['linus', 5],
      ]),
      customers: new Set(['ada', 'linus']),
      dueBy: new Date('2024-03-08T00:00:00Z'),
      nested: { count: 2, largest: 30 },
    });
  });

  it('rejects with an Error carrying the message fn threw', points(2), async () => {
    const outcome = await outcomeOf(runInWorker(failWith, 7));
    if ('value' in outcome) {
      fail(`runInWorker resolved with ${JSON.stringify(outcome.value)} although fn threw: it should reject`);
    }
    const { error } = outcome;
    if (!(error instanceof Error)) fail(`runInWorker rejected with ${String(error)}, which is not an Error`);
    check(
      error.message.includes('cannot parse record 7'),
      `runInWorker rejected with "${error.message}", which lost the message fn threw ("cannot parse record 7"): ` +
        'pass the error from the worker on, so the caller can tell what went wrong',
    );
  });

  it('keeps the main event loop responsive while a 300 ms CPU-bound fn runs', points(2), async () => {
    const { result, report } = await probeResponsiveness(() => runInWorker(spinFor, 300));
    expectResponsive(report, 'runInWorker(spinFor, 300)');
    check(result.end - result.start >= 300, `fn spun for ${result.end - result.start} ms, not 300 ms`);
  });

  it('runs two calls in parallel, each on its own thread', points(2), async () => {
    const arrivals = new SharedArrayBuffer(4);
    const outcome = await outcomeOf(
      Promise.all([
        runInWorker(spinAlongside, arrivals, 300, PARTNER_WAIT_MS),
        runInWorker(spinAlongside, arrivals, 300, PARTNER_WAIT_MS),
      ]),
    );
    if ('error' in outcome) {
      fail(
        `runInWorker(spinAlongside, arrivals, …) rejected with "${messageOf(outcome.error)}": fn takes a SharedArrayBuffer, ` +
          'which reaches the worker only as a structured clone (workerData or postMessage), not through JSON',
      );
    }
    const [first, second] = outcome.value;
    // The times come from inside the workers, and each busy loop waits for the other one to start:
    // whether they overlapped does not depend on how fast or how busy this machine is, only on whether
    // the two calls ran at the same time.
    const origin = Math.min(first.start, second.start);
    const at = (t: number): string => `+${t - origin} ms`;
    const overlapMs = Math.min(first.end, second.end) - Math.max(first.start, second.start);
    if (overlapMs <= 0) {
      fail(
        `the two busy loops did not overlap: the first ran from ${at(first.start)} to ${at(first.end)}, ` +
          `the second from ${at(second.start)} to ${at(second.end)} (measured inside fn; the first one waited ` +
          `${PARTNER_WAIT_MS} ms for the second to start). They ran one after the other: each call needs a worker of its own.`,
      );
    }
  });

  it('leaves no worker thread and no handle behind once it has resolved', points(2), async () => {
    const expectNoNewResources = expectNoNewHandles();
    const beats = new SharedArrayBuffer(4);
    const where = await runInWorker(startHeartbeat, beats, false);
    if (where === 'main thread') fail(ON_MAIN_THREAD);
    await expectThreadEnded(beats, 'resolved');
    await expectNoNewResources('resolved');
  });

  it('leaves no worker thread and no handle behind once it has rejected', async () => {
    const expectNoNewResources = expectNoNewHandles();
    const beats = new SharedArrayBuffer(4);
    const outcome = await outcomeOf(runInWorker(startHeartbeat, beats, true));
    if ('value' in outcome) {
      fail(
        outcome.value === 'main thread'
          ? ON_MAIN_THREAD
          : `runInWorker resolved with ${JSON.stringify(outcome.value)} although fn threw: it should reject`,
      );
    }
    await expectThreadEnded(beats, 'rejected');
    await expectNoNewResources('rejected');
  });
});
