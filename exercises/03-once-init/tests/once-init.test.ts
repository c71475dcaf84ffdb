import { describe, expect, it } from 'vitest';
import { fail, points, trackConcurrency, useVirtualClock, type ConcurrencyProbe, type WatchedPromise } from '@tickwork/testkit';
import { onceAsync } from '#impl';

const clock = useVirtualClock();

/** Every init in these tests takes one virtual second, like a slow connection. */
const INIT_MS = 1000;

/** Runs every timer, then hands back how each call ended and when. Watching first keeps exact times. */
async function settleCalls<T>(calls: Promise<T>[]): Promise<WatchedPromise<T>[]> {
  const watched = calls.map((call) => clock.watch(call));
  await clock.runAll();
  return watched;
}

/** Errors this file makes init reject with; a caller rejecting with one of them gets a tailored message. */
const initErrors = new WeakSet<Error>();

function connectionRefused(): Error {
  const error = new Error('connection refused');
  initErrors.add(error);
  return error;
}

/** A value as the learner would write it: strings quoted, objects as JSON. */
function show(value: unknown): string {
  if (value instanceof Error) return `the error \`${value.message}\``;
  return typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value) ?? String(value);
}

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

/** Fails unless init was started `expected` times in all; the recorded timeline shows when. */
function expectInitStarts(probe: ConcurrencyProbe, expected: number, why: string): void {
  const started = probe.records.length;
  if (started === 0) {
    fail(
      'init was never called. If the calls settled anyway, their result came from elsewhere: is the cache shared by every onceAsync wrapper (a variable outside onceAsync)? Each call of onceAsync needs its own.',
    );
  }
  if (started !== expected) fail(`init was started ${times(started)}, expected ${times(expected)} — ${why}. Recorded: ${probe.timeline.format()}`);
}

/** Fails unless the call resolved at `ms`; the learner's own error is rethrown as it is. */
function expectResolvedAt<T>(call: WatchedPromise<T>, who: string, ms: number, why: string): T {
  if (call.state === 'rejected') {
    if (call.reason instanceof Error && initErrors.has(call.reason)) {
      fail(`${who} rejected with the error of an init that had already failed (\`${call.reason.message}\`); expected it to resolve at t=${ms} ms — ${why}.`);
    }
    throw call.reason; // the learner's own error, as it is
  }
  if (call.state === 'pending') fail(`${who} never resolved: at t=${clock.now()} ms it was still pending and no timer was left — ${why}.`);
  if (call.settledAt !== ms) fail(`${who} resolved at t=${call.settledAt} ms, expected t=${ms} ms — ${why}.`);
  return call.value as T;
}

/** Fails unless the call rejected at `ms` with exactly `error`, the one init rejected with. */
function expectRejectedAt(call: WatchedPromise<unknown>, who: string, ms: number, error: Error): void {
  if (call.state === 'pending') {
    fail(`${who} was still pending after init rejected at t=${ms} ms: every caller waiting for init must receive its rejection.`);
  }
  if (call.state === 'fulfilled') fail(`${who} resolved with ${show(call.value)}, but init rejected: the caller must receive the rejection.`);
  if (call.reason !== error) {
    fail(`${who} rejected with ${show(call.reason)}; expected the very error init rejected with (\`${error.message}\`), passed on unchanged.`);
  }
  if (call.settledAt !== ms) fail(`${who} rejected at t=${call.settledAt} ms, expected t=${ms} ms, when init rejected.`);
}

/** An init whose first run rejects with `error` and whose later runs resolve with `value`. */
function initFailingOnce(error: Error, value: string) {
  const probe = trackConcurrency(clock.now);
  let runs = 0;
  const init = (): Promise<string> => {
    runs += 1;
    const script = runs === 1 ? { ms: INIT_MS, error } : { ms: INIT_MS, value };
    return probe.operation(`init #${runs}`, script)();
  };
  return { probe, init };
}

describe('onceAsync(init)', () => {
  it('three callers at t=0 share one init: it starts once and all three resolve at t=1000 ms', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const get = onceAsync(probe.operation('init', { ms: INIT_MS, value: 'connection' }));

    const calls = await settleCalls([get(), get(), get()]);

    expectInitStarts(probe, 1, 'three callers at t=0 ms must share one run: a caller that arrives while init runs waits for that run');
    calls.forEach((call, i) => {
      const value = expectResolvedAt(call, `caller ${i + 1}`, INIT_MS, 'when the one shared init finished');
      expect(value, `caller ${i + 1} resolved with the wrong value; expected what init resolved with`).toBe('connection');
    });
  });

  it('a call at t=5000 ms, after init resolved, gets the same value at once, without a new init', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const connection = { id: 'connection' };
    const get = onceAsync(probe.operation('init', { ms: INIT_MS, value: connection }));
    const [first] = await settleCalls([get()]);
    expectInitStarts(probe, 1, 'the first call starts init');
    expectResolvedAt(first!, 'the first call', INIT_MS, 'when init finished');

    await clock.advance(5000 - clock.now());
    const [later] = await settleCalls([get()]);

    expectInitStarts(probe, 1, 'the value init produced at t=1000 ms must be kept and reused by the call at t=5000 ms');
    const value = expectResolvedAt(later!, 'the call at t=5000 ms', 5000, 'the value is ready, there is nothing to wait for');
    expect(value, 'the call at t=5000 ms must resolve with the very object init resolved with').toBe(connection);
  });

  it('when init rejects at t=1000 ms, every waiting caller rejects then, with that same error', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const refused = connectionRefused();
    const get = onceAsync(probe.operation('init', { ms: INIT_MS, error: refused }));

    const calls = await settleCalls([get(), get(), get()]);

    expectInitStarts(probe, 1, 'three callers at t=0 ms must share one run, even one that fails');
    calls.forEach((call, i) => expectRejectedAt(call, `caller ${i + 1}`, INIT_MS, refused));
  });

  it('after a rejection, the next call starts init again and resolves with its value', points(2), async () => {
    const refused = connectionRefused();
    const { probe, init } = initFailingOnce(refused, 'connection');
    const get = onceAsync(init);
    const [failed] = await settleCalls([get()]);
    expectInitStarts(probe, 1, 'the first call starts init');
    expectRejectedAt(failed!, 'the first call', INIT_MS, refused);

    await clock.advance(2000 - clock.now());
    const [retry] = await settleCalls([get()]);

    if (retry!.state === 'rejected' && probe.records.length === 1) {
      fail('the call at t=2000 ms rejected again without starting init: a failed init must be forgotten so that the next call retries.');
    }
    expectInitStarts(probe, 2, 'the call at t=2000 ms, after the failure, must start init exactly once more');
    const value = expectResolvedAt(retry!, 'the call at t=2000 ms', 3000, 'when the retried init finished');
    expect(value, 'the call at t=2000 ms must resolve with what the retried init resolved with').toBe('connection');
  });

  it('a caller arriving while the retry is in flight shares the retry', async () => {
    const refused = connectionRefused();
    const { probe, init } = initFailingOnce(refused, 'connection');
    const get = onceAsync(init);
    await settleCalls([get()]);
    expectInitStarts(probe, 1, 'the first call starts init');

    await clock.advance(2000 - clock.now());
    const retry = clock.watch(get());
    await clock.advance(500);
    const [sharing] = await settleCalls([get()]);

    if (probe.records.length < 2) {
      fail(`the call at t=2000 ms did not start init again after the failure at t=1000 ms, so there was no retry to share. Recorded: ${probe.timeline.format()}`);
    }
    expectInitStarts(probe, 2, 'the call at t=2500 ms must wait for the retry started at t=2000 ms, not start one of its own');
    expectResolvedAt(retry, 'the call at t=2000 ms', 3000, 'when the retried init finished');
    expectResolvedAt(sharing!, 'the call at t=2500 ms', 3000, 'when the retry it shares finished');
  });

  it('each onceAsync(...) keeps its own init and its own value', async () => {
    const probe = trackConcurrency(clock.now);
    const getConfig = onceAsync(probe.operation('load config', { ms: INIT_MS, value: 'config' }));
    const getDatabase = onceAsync(probe.operation('open database', { ms: 2 * INIT_MS, value: 'database' }));

    const [config, database] = await settleCalls([getConfig(), getDatabase()]);

    expectInitStarts(probe, 2, 'two wrappers, one init each');
    expect(
      probe.startOrder(),
      `each wrapper must start its own init exactly once, at t=0 ms. Recorded: ${probe.timeline.format()}`,
    ).toEqual(['load config', 'open database']);
    const configValue = expectResolvedAt(config!, 'getConfig()', INIT_MS, 'when its init finished');
    expect(configValue, 'getConfig() must resolve with what its own init resolved with').toBe('config');
    const value = expectResolvedAt(database!, 'getDatabase()', 2 * INIT_MS, 'when its own init finished');
    expect(value, 'getDatabase() resolved with another wrapper\'s value: keep the cache inside each onceAsync call').toBe('database');
  });
});
