import { describe, it } from 'vitest';
import { check, fail, isNotImplemented, points, realTimers, useVirtualClock, type PendingTimer } from '@tickwork/testkit';
import { DataLoader } from '#impl';

const clock = useVirtualClock();

interface BatchCall<K> {
  keys: K[];
  at: number;
}

/**
 * A batch function that records every call (its keys and the virtual time) and answers each key with
 * `answer(key, callNumber)` after `takesMs(keys)` virtual milliseconds (0: a promise with no timer).
 */
function batchFunction<K, V = string>(
  answer: (key: K, callNumber: number) => V | Error = (key) => `user ${String(key)}` as V,
  takesMs: (keys: readonly K[]) => number = () => 100,
) {
  const calls: BatchCall<K>[] = [];
  const fn = (keys: readonly K[]): Promise<Array<V | Error>> => {
    calls.push({ keys: [...keys], at: clock.now() });
    const callNumber = calls.length;
    const values = keys.map((key) => answer(key, callNumber));
    const ms = takesMs(keys);
    if (ms === 0) return Promise.resolve(values);
    return new Promise((resolve) => setTimeout(() => resolve(values), ms));
  };
  const describeCalls = (): string =>
    calls.length === 0
      ? 'the batch function was never called'
      : `the batch function was called ${calls.length === 1 ? 'once' : `${calls.length} times`}: ` +
        calls.map((c) => `[${c.keys.join(', ')}] at t=${c.at} ms`).join(', ');
  return { fn, calls, describeCalls };
}

const listOf = (batches: readonly (readonly unknown[])[]): string => batches.map((keys) => `[${keys.join(', ')}]`).join(', ');

/** Fails unless the batch function was called exactly with these key lists, in this order. */
function expectBatches<K>(recorded: ReturnType<typeof batchFunction<K>>, expected: K[][], why: string): void {
  const actual = recorded.calls.map((c) => c.keys);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    fail(`expected the batch function to be called with ${listOf(expected)}, but ${recorded.describeCalls()} — ${why}`);
  }
}

/** Runs the clock until every promise settles; returns their outcomes (a stub's TODO error surfaces as it is). */
async function outcomes(promises: Promise<unknown>[], label: string): Promise<PromiseSettledResult<unknown>[]> {
  const { value } = await clock.resolves(Promise.allSettled(promises), label);
  for (const outcome of value) if (outcome.status === 'rejected' && isNotImplemented(outcome.reason)) throw outcome.reason;
  return value;
}

function describeOutcome(outcome: PromiseSettledResult<unknown> | undefined): string {
  if (!outcome) return 'nothing';
  if (outcome.status === 'fulfilled') return `resolved with ${JSON.stringify(outcome.value)}`;
  const reason = outcome.reason as Error | undefined;
  return `rejected with ${reason instanceof Error ? `${reason.name}: ${reason.message.split('\n')[0]}` : String(reason)}`;
}

function expectResolvedWith(outcome: PromiseSettledResult<unknown> | undefined, value: unknown, label: string): void {
  if (outcome?.status !== 'fulfilled' || outcome.value !== value) {
    fail(`${label} ${describeOutcome(outcome)}, expected it to resolve with ${JSON.stringify(value)}`);
  }
}

const nextRealTurn = (): Promise<void> => new Promise((resolve) => realTimers.setImmediate(resolve));

function describeTimers(timers: PendingTimer[]): string {
  return timers.map((t) => (t.kind === 'setImmediate' ? 'a setImmediate' : `a ${t.kind} of ${t.delayMs} ms`)).join(', ');
}

/** Two places loads are made from: straight from the test, and from a timer callback as a request handler would. */
const CONTEXTS: Array<[string, (start: () => Promise<unknown>) => Promise<unknown>]> = [
  ['straight from the test', (start) => start()],
  [
    'from a timer callback (an ordinary turn of the event loop, like a request handler)',
    (start) => new Promise((resolve) => setTimeout(() => resolve(start()), 10)),
  ],
];

describe('new DataLoader(batchLoad) — one batch per tick', () => {
  it('hands the keys of all loads made in the same tick to one call of the batch function, in load order', points(2), async () => {
    const batches = batchFunction<number>();
    const loader = new DataLoader(batches.fn);
    const loads = [loader.load(3), loader.load(1), loader.load(2)];
    const results = await outcomes(loads, 'load(3), load(1) and load(2)');
    expectBatches(batches, [[3, 1, 2]], 'three loads in one tick make one batch');
    expectResolvedWith(results[0], 'user 3', 'load(3)');
    expectResolvedWith(results[1], 'user 1', 'load(1)');
    expectResolvedWith(results[2], 'user 2', 'load(2)');
  });

  it('sends the batch without any timer: the batch function has run before virtual time moves', points(2), async () => {
    const batches = batchFunction<number>(undefined, () => 0);
    const loader = new DataLoader(batches.fn);
    const loads = [loader.load(1), loader.load(2)];
    const timers = clock.pendingTimers();
    check(
      timers.length === 0,
      `right after load(1) and load(2) the loader had scheduled ${describeTimers(timers)}: a batch must go out at the end of the current tick, with no setTimeout or setImmediate`,
    );
    await nextRealTurn();
    check(
      batches.calls.length > 0,
      `the event loop finished its turn with the virtual clock still at t=0 ms, and the batch function had not been called: the loader must send the batch by itself, not wait for a timer`,
    );
    await outcomes(loads, 'load(1) and load(2)');
    expectBatches(batches, [[1, 2]], 'both loads belong to one batch');
  });

  it('lets a load issued after `await Promise.resolve()` join the batch', points(2), async () => {
    for (const [where, run] of CONTEXTS) {
      const batches = batchFunction<number>();
      const loader = new DataLoader(batches.fn);
      const scenario = async (): Promise<unknown> => {
        const first = loader.load(1);
        await Promise.resolve();
        const second = loader.load(2);
        return Promise.all([first, second]);
      };
      await clock.resolves(run(scenario), `load(1), await Promise.resolve(), load(2) ${where}`);
      expectBatches(
        batches,
        [[1, 2]],
        `load(2) was made ${where} after \`await Promise.resolve()\`, still in the same tick: the batch must wait until the promise callbacks already queued have run`,
      );
    }
  });

  it('lets loads several promise callbacks deep in the same tick join too', async () => {
    async function signedInUser(): Promise<{ friendId: number }> {
      await null;
      return { friendId: 7 };
    }
    for (const [where, run] of CONTEXTS) {
      const batches = batchFunction<number>();
      const loader = new DataLoader(batches.fn);
      const scenario = (): Promise<unknown> => {
        const direct = loader.load(1);
        const friend = (async () => loader.load((await signedInUser()).friendId))();
        const deep = (async () => {
          for (let i = 0; i < 5; i++) await null;
          return loader.load(9);
        })();
        return Promise.all([direct, friend, deep]);
      };
      await clock.resolves(run(scenario), `load(1), load(friendId) after await signedInUser(), load(9) after five awaits, ${where}`);
      expectBatches(
        batches,
        [[1, 7, 9]],
        `all three loads were made ${where}, in the same tick: send the batch once every promise callback of the tick has run, however deep (a fixed number of microtasks is not enough)`,
      );
    }
  });

  it('splits a tick of loads into batches of at most maxBatchSize keys, all sent at once', points(2), async () => {
    const batches = batchFunction<number>();
    const loader = new DataLoader(batches.fn, { maxBatchSize: 2 });
    const loads = [1, 2, 3, 4, 5].map((key) => loader.load(key));
    const started = clock.watch(Promise.all(loads));
    const results = await outcomes(loads, 'load(1) … load(5) with maxBatchSize 2');
    expectBatches(batches, [[1, 2], [3, 4], [5]], 'maxBatchSize: 2 allows two keys per call');
    const late = batches.calls.find((c) => c.at !== 0);
    check(!late, `${batches.describeCalls()}: every batch of the tick goes out at t=0 ms, none waits for another`);
    results.forEach((outcome, i) => expectResolvedWith(outcome, `user ${i + 1}`, `load(${i + 1})`));
    check(started.settledAt === 100, `the five loads finished at t=${started.settledAt} ms; three batches of 100 ms sent together finish at t=100 ms`);
  });
});

describe('load(key) and loadMany(keys) — values and errors', () => {
  it("gives each load the value at its key's index, even when a later batch finishes first", points(2), async () => {
    // The batch holding key 1 takes 300 ms, the other one 100 ms.
    const batches = batchFunction<number>(undefined, (keys) => (keys.includes(1) ? 300 : 100));
    const loader = new DataLoader(batches.fn, { maxBatchSize: 2 });
    const promises = [1, 2, 3, 4].map((key) => loader.load(key));
    const loads = promises.map((promise) => clock.watch(promise));
    await outcomes(promises, 'load(1) … load(4) with maxBatchSize 2');
    expectBatches(batches, [[1, 2], [3, 4]], 'maxBatchSize: 2 allows two keys per call');
    loads.forEach((watched, i) => {
      const key = i + 1;
      const expectedAt = key <= 2 ? 300 : 100;
      if (watched.state !== 'fulfilled' || watched.value !== `user ${key}` || watched.settledAt !== expectedAt) {
        const seen = watched.state === 'fulfilled' ? `resolved with "${String(watched.value)}"` : `was ${watched.state}`;
        fail(
          `load(${key}) ${seen} at t=${watched.settledAt} ms, expected "user ${key}" at t=${expectedAt} ms — values belong to keys by their index in their own batch, whichever batch finishes first`,
        );
      }
    });
  });

  it('rejects only the key whose entry is an Error; the other keys of the batch get their values', points(2), async () => {
    const noUser2 = new Error('no user 2');
    const batches = batchFunction<number>((key) => (key === 2 ? noUser2 : `user ${key}`));
    const loader = new DataLoader(batches.fn);
    const results = await outcomes([loader.load(1), loader.load(2), loader.load(3)], 'load(1), load(2) and load(3)');
    expectResolvedWith(results[0], 'user 1', 'load(1)');
    const second = results[1];
    if (second?.status !== 'rejected' || second.reason !== noUser2) {
      fail(`load(2) ${describeOutcome(second)}; it should reject with the very Error the batch function returned at its index ("no user 2")`);
    }
    expectResolvedWith(results[2], 'user 3', 'load(3)');
  });

  it('loadMany resolves with the values and Errors in key order, from one batch, and never rejects', async () => {
    const noUser2 = new Error('no user 2');
    const batches = batchFunction<number>((key) => (key === 2 ? noUser2 : `user ${key}`));
    const loader = new DataLoader(batches.fn);
    const { value, at } = await clock.resolves(loader.loadMany([1, 2, 3]), 'loadMany([1, 2, 3])');
    expectBatches(batches, [[1, 2, 3]], 'loadMany loads its keys in one tick');
    check(
      Array.isArray(value) && value.length === 3 && value[0] === 'user 1' && value[1] === noUser2 && value[2] === 'user 3',
      `loadMany([1, 2, 3]) resolved with ${JSON.stringify(value, (_, v: unknown) => (v instanceof Error ? `Error: ${v.message}` : v))}, expected ["user 1", Error: no user 2, "user 3"]`,
    );
    check(at === 100, `loadMany resolved at t=${at} ms, expected t=100 ms, when the batch answered`);
  });

  it('rejects every key of a failed batch: a result of the wrong length (with an error that says so), or a rejected batch function', points(2), async () => {
    const shortAnswer = async (keys: readonly number[]): Promise<string[]> => keys.slice(1).map((key) => `user ${key}`);
    const short = new DataLoader<number, string>(shortAnswer);
    const shortResults = await outcomes([short.load(1), short.load(2)], 'load(1) and load(2) with a batch function that answers one value for two keys');
    shortResults.forEach((outcome, i) => {
      const reason = outcome.status === 'rejected' ? (outcome.reason as unknown) : undefined;
      if (!(reason instanceof Error) || !/length/i.test(reason.message)) {
        fail(
          `the batch function returned 1 value for 2 keys and load(${i + 1}) ${describeOutcome(outcome)}; every key of the batch should reject with an Error whose message says the result does not have the same length as the keys`,
        );
      }
    });

    const databaseDown = new Error('database is down');
    const failing = new DataLoader<number, string>(() => Promise.reject(databaseDown));
    const failedResults = await outcomes([failing.load(1), failing.load(2)], 'load(1) and load(2) with a batch function that rejects');
    failedResults.forEach((outcome, i) => {
      if (outcome.status !== 'rejected' || outcome.reason !== databaseDown) {
        fail(`the batch function rejected with "database is down" and load(${i + 1}) ${describeOutcome(outcome)}; every key of the batch should reject with that error`);
      }
    });
  });
});

describe('the cache: duplicate keys, clear(key) and { cache: false }', () => {
  it('asks for a key loaded twice only once, gives both loads its value, and serves a later load from the cache', points(2), async () => {
    const batches = batchFunction<number>();
    const loader = new DataLoader(batches.fn);
    const results = await outcomes([loader.load(1), loader.load(2), loader.load(1)], 'load(1), load(2), load(1)');
    expectBatches(batches, [[1, 2]], 'with the cache on (the default), a duplicate key is asked for once');
    expectResolvedWith(results[0], 'user 1', 'the first load(1)');
    expectResolvedWith(results[2], 'user 1', 'the second load(1)');
    const later = await clock.resolves(loader.load(1), 'load(1) after the batch had answered');
    check(later.value === 'user 1', `load(1) after the batch had answered resolved with ${JSON.stringify(later.value)}, expected "user 1"`);
    expectBatches(batches, [[1, 2]], 'a key already loaded comes from the cache');
  });

  it('clear(key) returns the loader and makes the next load of that key, and only that key, ask again', async () => {
    const batches = batchFunction<number>((key, call) => `user ${key} (call ${call})`);
    const loader = new DataLoader(batches.fn);
    await outcomes([loader.load(1), loader.load(2)], 'load(1) and load(2)');
    const returned = loader.clear(1);
    check(returned === loader, 'clear(1) should return the loader itself, so calls can be chained');
    const results = await outcomes([loader.load(1), loader.load(2)], 'load(1) and load(2) after clear(1)');
    expectBatches(batches, [[1, 2], [1]], 'after clear(1), key 1 is asked for again and key 2 still comes from the cache');
    expectResolvedWith(results[0], 'user 1 (call 2)', 'load(1) after clear(1)');
    expectResolvedWith(results[1], 'user 2 (call 1)', 'load(2) after clear(1)');
  });

  it('with { cache: false } asks for every load: a duplicate key appears twice, a later load asks again', async () => {
    const batches = batchFunction<number>();
    const loader = new DataLoader(batches.fn, { cache: false });
    const results = await outcomes([loader.load(1), loader.load(2), loader.load(1)], 'load(1), load(2), load(1) with cache: false');
    expectBatches(batches, [[1, 2, 1]], 'with cache: false each load is its own entry in the batch');
    results.forEach((outcome, i) => expectResolvedWith(outcome, `user ${[1, 2, 1][i]}`, `load number ${i + 1}`));
    await clock.resolves(loader.load(1), 'load(1) in a later tick with cache: false');
    expectBatches(batches, [[1, 2, 1], [1]], 'with cache: false nothing is remembered');
  });
});
