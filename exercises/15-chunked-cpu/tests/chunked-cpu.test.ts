import { describe, expect, it } from 'vitest';
import { check, fail, isNotImplemented, points, realTimers, useVirtualClock } from '@tickwork/testkit';
import { mapInChunks } from '#impl';

const clock = useVirtualClock();

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * Wraps `work` so that every call is filed under the turn of the event loop it happens in.
 * The first call of a turn queues a real setImmediate that closes the turn: it runs as soon as the
 * loop gets to its next macrotask. Microtasks and nextTicks all run before it, so work that "yields"
 * with them stays in one turn, while every virtual setImmediate or setTimeout starts a new one (the
 * virtual clock fires each timer in a real macrotask of its own). No timing is involved: works the
 * same whether the first chunk runs at call time or after a first yield.
 */
function countCallsPerTurn<T, R>(work: (item: T) => R) {
  const callsPerTurn: number[] = [];
  let turnOpen = false;
  const fn = (item: T): R => {
    if (!turnOpen) {
      turnOpen = true;
      callsPerTurn.push(0);
      realTimers.setImmediate(() => {
        turnOpen = false;
      });
    }
    callsPerTurn[callsPerTurn.length - 1]! += 1;
    return work(item);
  };
  return { fn, callsPerTurn };
}

/** Calls `start`, turning a synchronous throw (other than the stub's TODO) into a clear failure. */
function call<T>(start: () => Promise<T>): Promise<T> {
  try {
    return start();
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    fail(
      `mapInChunks threw synchronously (${String(error)}) instead of returning a promise that rejects: ` +
        'a caller who writes `mapInChunks(...).catch(...)` would never see this error',
    );
  }
}

/** The abort check accepts `signal.reason` itself or the AbortError of node:timers/promises wrapping it. */
function isAbortWith(reason: unknown, expected: unknown): boolean {
  if (reason === expected) return true;
  return reason instanceof Error && reason.name === 'AbortError' && reason.cause === expected;
}

describe('mapInChunks(items, fn, options)', () => {
  it('resolves with the results of fn in the order of the items', points(2), async () => {
    const items = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg'];
    const { value } = await clock.resolves(
      call(() => mapInChunks(items, (s) => `${s.length}:${s}`, { chunkSize: 3 })),
      'mapInChunks(7 strings, fn, { chunkSize: 3 })',
    );
    expect(value, 'the results must line up with the items: result i is fn(items[i])').toEqual(
      items.map((s) => `${s.length}:${s}`),
    );
  });

  it('resolves with [] for an empty list, without calling fn', async () => {
    let calls = 0;
    const { value } = await clock.resolves(
      call(() => mapInChunks([], () => ++calls)),
      'mapInChunks([], fn)',
    );
    expect(value, 'an empty list maps to an empty array').toEqual([]);
    expect(calls, 'fn was called although there was no item').toBe(0);
  });

  it('calls fn at most chunkSize times per turn of the event loop', points(3), async () => {
    const { fn, callsPerTurn } = countCallsPerTurn((x: number) => x * 2);
    // A signal that never aborts must change nothing (and leave no listener behind).
    const signal = new AbortController().signal;
    await clock.resolves(call(() => mapInChunks(range(10), fn, { chunkSize: 2, signal })), 'mapInChunks(10 items, fn, { chunkSize: 2 })');
    const worst = Math.max(...callsPerTurn);
    check(
      worst <= 2,
      `fn ran ${worst} times in one turn of the event loop, expected at most chunkSize = 2 (calls per turn: ${callsPerTurn.join(', ')}). ` +
        (worst === 10
          ? 'All the work ran without giving the loop a single macrotask: `await Promise.resolve()`, `queueMicrotask` and `process.nextTick` do not let timers or I/O run, only setImmediate or setTimeout does.'
          : 'A chunk ran more calls than chunkSize before it gave the loop a turn.'),
    );
  });

  it('does not waste turns: 10 items with chunkSize 4 run as chunks of 4, 4 and 2', async () => {
    const { fn, callsPerTurn } = countCallsPerTurn((x: number) => x);
    await clock.resolves(call(() => mapInChunks(range(10), fn, { chunkSize: 4 })), 'mapInChunks(10 items, fn, { chunkSize: 4 })');
    expect(callsPerTurn, `calls of fn per turn of the event loop were ${callsPerTurn.join(', ')}; expected full chunks of 4, 4, 2`).toEqual([4, 4, 2]);
  });

  it('lets a macrotask queued before the call run before the work completes', points(2), async () => {
    const events: string[] = [];
    setImmediate(() => events.push('other macrotask'));
    const work = call(() => mapInChunks(range(6), (x) => events.push(`fn(${x})`), { chunkSize: 2 }));
    await clock.resolves(work, 'mapInChunks(6 items, fn, { chunkSize: 2 })');
    const other = events.indexOf('other macrotask');
    check(
      other !== -1,
      `a setImmediate queued before the call had still not run when mapInChunks resolved: all six calls of fn ran first (${events.join(', ')}). ` +
        'Yielding with a microtask (`await Promise.resolve()`, `process.nextTick`) never lets a macrotask in; yield with setImmediate or setTimeout.',
    );
    const lastCall = events.findLastIndex((e) => e.startsWith('fn('));
    check(
      other < lastCall,
      `a setImmediate queued before the call ran only after the last call of fn (${events.join(', ')}): it should get its turn between two chunks`,
    );
  });

  it('uses a default chunkSize of 100', async () => {
    const { fn, callsPerTurn } = countCallsPerTurn((x: number) => x + 1);
    const { value } = await clock.resolves(call(() => mapInChunks(range(250), fn)), 'mapInChunks(250 items, fn)');
    expect(value, 'without options the results must still be fn(item) in order').toEqual(range(250).map((x) => x + 1));
    expect(callsPerTurn, `calls of fn per turn of the event loop were ${callsPerTurn.join(', ')}; with the default chunkSize of 100 expected 100, 100, 50`).toEqual([
      100, 100, 50,
    ]);
  });
});

describe('mapInChunks(items, fn, { signal })', () => {
  it('rejects with the signal’s reason when it aborts during the work, and starts no further chunk', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    let turnOfAbort = -1;
    const { fn, callsPerTurn } = countCallsPerTurn((x: number): number => {
      if (x === 4) {
        controller.abort(reason); // during the second chunk (items 3, 4, 5)
        turnOfAbort = callsPerTurn.length - 1;
      }
      return x;
    });
    const work = call(() => mapInChunks(range(12), fn, { chunkSize: 3, signal: controller.signal }));
    const outcome = await clock.settle(work, 'mapInChunks(12 items, fn, { chunkSize: 3, signal })');
    if (outcome.state === 'rejected' && isNotImplemented(outcome.reason)) throw outcome.reason;
    const callsLater = callsPerTurn.slice(turnOfAbort + 1).reduce((sum, n) => sum + n, 0);
    check(
      turnOfAbort === -1 || callsLater === 0,
      `the signal aborted while fn(4) ran, yet fn was called ${callsLater} more times in later turns of the loop: check the signal before each chunk, not only at the start`,
    );
    check(outcome.state === 'rejected', `mapInChunks resolved although the signal aborted while it ran; it should reject with signal.reason`);
    check(
      isAbortWith(outcome.reason, reason),
      `mapInChunks rejected with ${String(outcome.reason)}; expected the signal's reason (Error: cancelled by the user)`,
    );
  });

  it('rejects without calling fn when the signal is already aborted', async () => {
    const reason = new Error('aborted before the start');
    let calls = 0;
    const { reason: got } = await clock.rejects(
      call(() => mapInChunks(range(5), () => ++calls, { signal: AbortSignal.abort(reason) })),
      'mapInChunks(5 items, fn, { signal: already aborted })',
    );
    expect(calls, 'fn was called although the signal had aborted before the call').toBe(0);
    check(isAbortWith(got, reason), `mapInChunks rejected with ${String(got)}; expected the signal's reason (Error: aborted before the start)`);
  });
});

describe('mapInChunks(items, fn) when fn throws', () => {
  it('rejects with the error fn throws, and calls fn no more', points(2), async () => {
    const boom = new Error('fn failed on item 5');
    let calls = 0;
    let callsWhenThrown = 0;
    const fn = (x: number): number => {
      calls++;
      if (x === 5) {
        callsWhenThrown = calls;
        throw boom; // in the third chunk (items 4, 5)
      }
      return x;
    };
    const work = call(() => mapInChunks(range(10), fn, { chunkSize: 2 }));
    const { reason } = await clock.rejects(work, 'mapInChunks(10 items, fn throwing on item 5, { chunkSize: 2 })').catch((error: unknown) => {
      if (error !== boom) throw error;
      fail(
        'the error thrown by fn escaped from a timer callback as an uncaught exception (in a real program it crashes the process) ' +
          'instead of rejecting the promise: catch it where the chunk runs and reject',
      );
    });
    expect(reason, 'mapInChunks should reject with the very error fn threw').toBe(boom);
    check(calls === callsWhenThrown, `fn was called ${calls - callsWhenThrown} more times after it threw; stop at the first error`);
  });

  it('returns a rejected promise, not a synchronous throw, when fn throws in the first chunk', async () => {
    const boom = new Error('fn failed on item 0');
    const work = call(() =>
      mapInChunks(range(3), () => {
        throw boom;
      }),
    );
    const { reason } = await clock.rejects(work, 'mapInChunks(3 items, fn throwing on item 0)');
    expect(reason, 'mapInChunks should reject with the very error fn threw').toBe(boom);
  });

  it('rejects a chunkSize that is not a positive integer with a RangeError', async () => {
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      let calls = 0;
      let reason: unknown;
      try {
        ({ reason } = await clock.rejects(mapInChunks(range(3), () => ++calls, { chunkSize }), `mapInChunks(3 items, fn, { chunkSize: ${chunkSize} })`));
      } catch (error) {
        if (isNotImplemented(error) || !(error instanceof RangeError)) throw error;
        reason = error; // thrown synchronously: accepted here, the point of this test is the RangeError
      }
      check(
        reason instanceof Error && reason.name === 'RangeError',
        `with chunkSize ${chunkSize} mapInChunks failed with ${String(reason)}; expected a RangeError (a chunk of ${chunkSize} items makes no progress)`,
      );
      expect(calls, `fn was called with chunkSize ${chunkSize}; reject before doing any work`).toBe(0);
    }
  });
});
