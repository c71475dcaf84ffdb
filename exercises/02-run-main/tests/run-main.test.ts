import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { check, fail, isNotImplemented, points, trackConcurrency, TickworkFailure, useVirtualClock, type WatchedPromise } from '@tickwork/testkit';
import { runMain, type ProcessLike } from '#impl';

const clock = useVirtualClock();

type Signal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly Signal[] = ['SIGINT', 'SIGTERM'];

/**
 * A stand-in for Node's `process`: listeners live on an EventEmitter of its own, so a test can send a
 * signal and count what runMain left behind without touching the test worker's real process.
 */
class FakeProcess implements ProcessLike {
  readonly #events = new EventEmitter();
  exitCode: number | string | undefined = undefined;

  on(event: Signal, listener: (signal: Signal) => void): this {
    this.#events.on(event, listener);
    return this;
  }

  off(event: Signal, listener: (signal: Signal) => void): this {
    this.#events.off(event, listener);
    return this;
  }

  listenerCount(event: Signal): number {
    return this.#events.listenerCount(event);
  }

  /** Delivers a signal the way Node does: every listener is called with the signal's name. */
  emit(signal: Signal): void {
    this.#events.emit(signal, signal);
  }
}

// The default must be the real process, so the real process has to fit the shape (checked by tsc).
process satisfies ProcessLike;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `AbortError: received SIGINT`, or the value itself when it is not an error. */
function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value) {
    const { name, message } = value as { name?: unknown; message?: unknown };
    return `${String(name ?? 'Error')}: ${String(message)}`;
  }
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** A stub's `TODO: implement` error must reach the learner as it is: the grader shows "not started". */
function rethrowIfNotImplemented(error: unknown): void {
  if (isNotImplemented(error)) throw error;
}

/** Runs the clock until runMain settles; an unfinished stub's error surfaces as it is. */
async function settle<T>(run: Promise<T>): Promise<WatchedPromise<T>> {
  const outcome = await clock.settle(run, 'runMain(main)');
  if (outcome.state === 'rejected') rethrowIfNotImplemented(outcome.reason);
  return outcome;
}

/** Calls runMain the way a program would; a synchronous throw is reported, not let loose. */
function start<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  try {
    return runMain(main, options);
  } catch (error) {
    rethrowIfNotImplemented(error);
    return fail(
      `runMain threw ${describeValue(error)} synchronously instead of returning a promise. ` +
        'Whatever main does, the caller of runMain should get a promise that rejects (an async function does that for you).',
    );
  }
}

/** Fails as leaked-handles when runMain left any of its signal listeners behind. */
function expectNoListenersLeft(left: (signal: Signal) => number, on: string, after: string): void {
  const leaks = SIGNALS.filter((s) => left(s) > 0);
  if (leaks.length === 0) return;
  const total = leaks.reduce((sum, s) => sum + left(s), 0);
  throw new TickworkFailure(
    'leaked-handles',
    `${leaks.map((s) => plural(left(s), `${s} listener`)).join(' and ')} ${total === 1 ? 'was' : 'were'} left on ${on} after ${after}. ` +
      'Remove every listener runMain added, passing off() the very same function you gave on(); ' +
      'otherwise a program that has finished still reacts to Ctrl-C.',
  );
}

describe('runMain(main, { process })', () => {
  it('calls main with an AbortSignal and resolves with the value main resolves with', async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const fetchReport = probe.operation('fetch report', { ms: 2000, value: 'report ready' });
    let received: unknown;
    const run = start(
      (signal) => {
        received = signal;
        return fetchReport(signal);
      },
      { process: fake },
    );
    const outcome = await settle(run);
    check(received instanceof AbortSignal, `main was called with ${describeValue(received)}; it should get an AbortSignal`);
    if (outcome.state === 'rejected') {
      fail(`runMain rejected with ${describeValue(outcome.reason)} at t=${outcome.settledAt} ms, but main's work resolved with 'report ready' at t=2000 ms`);
    }
    expect(outcome.value, 'runMain should resolve with the value main resolved with').toBe('report ready');
    expect(outcome.settledAt, `runMain resolved at t=${outcome.settledAt} ms; main resolved at t=2000 ms`).toBe(2000);
  });

  it('aborts the signal when SIGINT arrives: work in flight stops at that virtual time', points(2), async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const download = probe.operation('download', { ms: 5000 });
    const run = start((signal) => download(signal), { process: fake });
    setTimeout(() => fake.emit('SIGINT'), 1500);
    const outcome = await settle(run);
    probe.timeline.expectAt('abort download', 1500, 'SIGINT arrived at t=1500 ms and should abort the signal main was given');
    expect(outcome.state, 'main rejected once its download was aborted, so runMain should reject too').toBe('rejected');
    expect(outcome.settledAt, `runMain settled at t=${outcome.settledAt} ms, expected t=1500 ms when SIGINT stopped main`).toBe(1500);
  });

  it('gives the abort a reason that names the signal (SIGINT)', async () => {
    const fake = new FakeProcess();
    const task = trackConcurrency(clock.now).operation('task', { ms: 1000 });
    let received: AbortSignal | undefined;
    const run = start(
      (signal) => {
        received = signal;
        return task(signal);
      },
      { process: fake },
    );
    setTimeout(() => fake.emit('SIGINT'), 100);
    await settle(run);
    check(received?.aborted === true, 'SIGINT arrived at t=100 ms but the signal given to main was never aborted');
    const reason = describeValue(received?.reason);
    check(
      reason.includes('SIGINT'),
      `the signal was aborted with the reason ${reason}; the reason should name SIGINT, so whoever catches it knows why the work stopped`,
    );
  });

  it('aborts the signal when SIGTERM arrives, with a reason that names SIGTERM', points(2), async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const upload = probe.operation('upload', { ms: 5000 });
    let received: AbortSignal | undefined;
    const run = start(
      (signal) => {
        received = signal;
        return upload(signal);
      },
      { process: fake },
    );
    setTimeout(() => fake.emit('SIGTERM'), 800);
    const outcome = await settle(run);
    probe.timeline.expectAt('abort upload', 800, 'SIGTERM arrived at t=800 ms and should abort the signal main was given');
    const reason = describeValue(received?.reason);
    check(reason.includes('SIGTERM'), `the signal was aborted with the reason ${reason}; the reason should name SIGTERM`);
    expect(outcome.state, 'main rejected once its upload was aborted, so runMain should reject too').toBe('rejected');
  });

  it('aborts the signal when main resolves: work main left running is cancelled at that moment', points(2), async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const heartbeat = probe.operation('heartbeat', { ms: 60_000 });
    const work = probe.operation('work', { ms: 1000 });
    let received: AbortSignal | undefined;
    const run = start(
      async (signal) => {
        received = signal;
        // Started and never awaited: the leftover task asyncio.run would cancel.
        heartbeat(signal).catch(() => {});
        return work(signal);
      },
      { process: fake },
    );
    let abortedWhenSettled: boolean | undefined;
    const note = (): void => {
      abortedWhenSettled = received?.aborted;
    };
    run.then(note, note);
    const outcome = await settle(run);
    const heartbeatState = probe.record('heartbeat');
    const stillRunning = heartbeatState?.outcome === 'pending';
    if (stillRunning) await clock.runAll(); // let the leftover finish, so the failure below is the one reported
    if (outcome.state === 'rejected') fail(`runMain rejected with ${describeValue(outcome.reason)}, but main resolved at t=1000 ms`);
    check(
      abortedWhenSettled === true,
      `when runMain resolved at t=${outcome.settledAt} ms, the signal given to main was not aborted: ` +
        'like asyncio.run, runMain must cancel what main left running before it returns',
    );
    check(!stillRunning, '`heartbeat` (started by main and never awaited) was still running after runMain settled');
    probe.timeline.expectAt('abort heartbeat', 1000, 'main resolved at t=1000 ms, so its leftover work should be aborted then');
  });

  it('listens for SIGINT and SIGTERM while main runs, and removes every listener once main resolves', points(2), async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const work = probe.operation('work', { ms: 1000 });
    const whileRunning: Partial<Record<Signal, number>> = {};
    const run = start(
      async (signal) => {
        const value = await work(signal);
        for (const s of SIGNALS) whileRunning[s] = fake.listenerCount(s);
        return value;
      },
      { process: fake },
    );
    await settle(run);
    for (const s of SIGNALS) {
      check((whileRunning[s] ?? 0) > 0, `while main was running (t=1000 ms), no ${s} listener was on process: runMain should listen for ${s}`);
    }
    expectNoListenersLeft((s) => fake.listenerCount(s), 'process', 'runMain settled (main resolved)');
  });

  it('removes its listeners and cancels leftover work when main rejects, too', async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const heartbeat = probe.operation('heartbeat', { ms: 60_000 });
    const loadConfig = probe.operation('load config', { ms: 500, error: new Error('config file is missing') });
    const run = start(
      async (signal) => {
        heartbeat(signal).catch(() => {});
        return loadConfig(signal);
      },
      { process: fake },
    );
    const outcome = await settle(run);
    const stillRunning = probe.record('heartbeat')?.outcome === 'pending';
    if (stillRunning) await clock.runAll();
    expect(outcome.state, 'main rejected at t=500 ms, so runMain should reject').toBe('rejected');
    expectNoListenersLeft((s) => fake.listenerCount(s), 'process', 'runMain settled (main rejected)');
    check(!stillRunning, '`heartbeat` (started by main and never awaited) was still running after main rejected: abort the signal whichever way main settles');
  });

  it('rejects with the very error main rejected with, and sets exitCode to 1', points(2), async () => {
    const fake = new FakeProcess();
    const probe = trackConcurrency(clock.now);
    const missing = new Error('config file is missing');
    const loadConfig = probe.operation('load config', { ms: 500, error: missing });
    const outcome = await settle(start((signal) => loadConfig(signal), { process: fake }));
    if (outcome.state === 'fulfilled') fail(`runMain resolved with ${describeValue(outcome.value)}, but main rejected at t=500 ms`);
    check(
      outcome.reason === missing,
      `runMain rejected with ${describeValue(outcome.reason)}; it should pass on main's own error (Error: config file is missing) unchanged`,
    );
    expect(outcome.settledAt, `runMain rejected at t=${outcome.settledAt} ms, main rejected at t=500 ms`).toBe(500);
    check(fake.exitCode === 1, `exitCode was ${describeValue(fake.exitCode)} after main failed; set it to 1 so the program exits with a failure`);
  });

  it('turns a synchronous throw in main into a rejection, sets exitCode to 1 and removes its listeners', points(2), async () => {
    const fake = new FakeProcess();
    const badConfig = new Error('bad config');
    // Not an async function: it throws before it could return a promise.
    const main = (): Promise<string> => {
      throw badConfig;
    };
    const outcome = await settle(start(main, { process: fake }));
    if (outcome.state === 'fulfilled') fail(`runMain resolved with ${describeValue(outcome.value)}, but main threw`);
    check(
      outcome.reason === badConfig,
      `runMain rejected with ${describeValue(outcome.reason)}; it should reject with the error main threw (Error: bad config)`,
    );
    check(fake.exitCode === 1, `exitCode was ${describeValue(fake.exitCode)} after main threw; it should be 1`);
    expectNoListenersLeft((s) => fake.listenerCount(s), 'process', 'main threw synchronously');
  });

  it('leaves exitCode untouched when main resolves', async () => {
    const fake = new FakeProcess();
    const outcome = await settle(start(async () => 'ok', { process: fake }));
    if (outcome.state === 'rejected') fail(`runMain rejected with ${describeValue(outcome.reason)}, but main resolved with 'ok'`);
    check(
      fake.exitCode === undefined,
      `exitCode was ${describeValue(fake.exitCode)} after main resolved; only a failure sets it, success leaves it as it was (undefined)`,
    );
  });

  it('listens on the real process when no process is given, and cleans up after itself', async () => {
    const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)] as const));
    const exitCodeBefore = process.exitCode;
    const whileRunning: Partial<Record<Signal, number>> = {};
    try {
      const probe = trackConcurrency(clock.now);
      const work = probe.operation('work', { ms: 10 });
      const outcome = await settle(
        start(async (signal) => {
          await work(signal);
          for (const s of SIGNALS) whileRunning[s] = process.listenerCount(s);
          return 'done';
        }),
      );
      if (outcome.state === 'rejected') fail(`runMain rejected with ${describeValue(outcome.reason)}, but main resolved with 'done'`);
      for (const s of SIGNALS) {
        const added = (whileRunning[s] ?? 0) - (before.get(s)?.length ?? 0);
        check(added > 0, `with no process option, runMain added no ${s} listener to the real process; the default is \`process\``);
      }
      expectNoListenersLeft((s) => process.listenerCount(s) - (before.get(s)?.length ?? 0), 'the real process', 'runMain settled');
    } finally {
      // Whatever the code under test did, the test worker's own process goes back as it was.
      for (const s of SIGNALS) {
        const keep = before.get(s) ?? [];
        for (const listener of process.listeners(s)) if (!keep.includes(listener)) process.off(s, listener);
      }
      process.exitCode = exitCodeBefore;
    }
  });
});
