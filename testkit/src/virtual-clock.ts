import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, beforeEach } from 'vitest';
import { fail, isNotImplemented, TickworkFailure } from './failures.ts';
import { abortTimeoutCallbacks, restoreNodeTimeApis, routeNodeTimeApis } from './node-time-routes.ts';
import { nextRealTurn } from './real-timers.ts';

type Clock = FakeTimers.Clock;

/** Enough timers for any honest exercise; a runaway interval reaches it in microseconds. */
export const LOOP_LIMIT = 10_000;

export interface PendingTimer {
  kind: 'setTimeout' | 'setInterval' | 'setImmediate';
  delayMs: number;
  dueAt: number;
}

export interface VirtualClock {
  /** Virtual milliseconds since the test started (every test starts at t=0). */
  now(): number;
  /** Moves time forward by `ms`, running due timers and the promise jobs between them. */
  advance(ms: number): Promise<void>;
  /** Runs timers until none is left (fails as runaway-timers after LOOP_LIMIT of them). */
  runAll(): Promise<void>;
  /** Lets pending promise jobs run without moving time. */
  flush(): Promise<void>;
  /** Timers scheduled and not yet fired or cleared (AbortSignal.timeout's unref'd timers excluded). */
  pendingTimers(): PendingTimer[];
  /** Follows a promise's state on the clock; see WatchedPromise. */
  watch<T>(promise: PromiseLike<T>): WatchedPromise<T>;
  /**
   * Runs the clock until `promise` settles and returns it watched. When no timer is left that could
   * settle it, fails with kind never-settled, naming `label` and the virtual time.
   */
  settle<T>(promise: PromiseLike<T>, label: string): Promise<WatchedPromise<T>>;
  /**
   * Like settle, but expects the promise to resolve: a rejection is rethrown as it is, so the learner
   * sees their own error (and the grader its origin). Returns the value and the virtual time it came at.
   */
  resolves<T>(promise: PromiseLike<T>, label: string): Promise<{ value: T; at: number }>;
  /**
   * Like settle, but expects the promise to reject: returns the reason and the virtual time it came at.
   * Fails when it resolves; a stub's `TODO: implement` error is rethrown as it is, so the learner
   * reads "not started" rather than a wrong-error message.
   */
  rejects(promise: PromiseLike<unknown>, label: string): Promise<{ reason: unknown; at: number }>;
}

export interface WatchedPromise<T> {
  readonly state: 'pending' | 'fulfilled' | 'rejected';
  readonly value: T | undefined;
  readonly reason: unknown;
  /** Virtual time at which it settled, or undefined while pending. */
  readonly settledAt: number | undefined;
}

let installed: Clock | undefined;

function current(): Clock {
  if (!installed) {
    throw new Error('The virtual clock is only available inside a test: call useVirtualClock() at the top of the file.');
  }
  return installed;
}

function install(): Clock {
  if (installed) throw new Error('A virtual clock is already installed: call useVirtualClock() once per file.');
  installed = FakeTimers.withGlobal(globalThis).install({
    now: 0,
    // nextTick and queueMicrotask stay real so Node's own queue order is what the learner sees.
    toNotFake: ['nextTick', 'queueMicrotask'],
    loopLimit: LOOP_LIMIT,
    shouldClearNativeTimers: true,
  });
  routeNodeTimeApis();
  return installed;
}

function uninstall(): void {
  installed?.uninstall();
  installed = undefined;
  restoreNodeTimeApis();
}

function runawayFailure(clock: Clock): TickworkFailure {
  return new TickworkFailure(
    'runaway-timers',
    `more than ${LOOP_LIMIT} timers fired (at t=${clock.now} ms): something keeps scheduling timers without end — an interval never cleared, or a retry loop without a limit.`,
  );
}

/**
 * Lets every queued promise job and nextTick run, as Node does between two timer callbacks. A real
 * macrotask is the one point by which all of them have run.
 */
const drainJobs = nextRealTurn;

/** The scheduled timers, read from fake-timers' heap (it has no public listing). */
function timersOf(clock: Clock): FakeTimer[] {
  return (clock as unknown as { timerHeap?: { timers: FakeTimer[] } }).timerHeap?.timers ?? [];
}

function earliestDue(clock: Clock): number | undefined {
  const timers = timersOf(clock);
  return timers.length === 0 ? undefined : Math.min(...timers.map((t) => t.callAt));
}

/**
 * Moves virtual time to `target`, firing due timers one at a time with the promise jobs between them.
 * Stepping with nextAsync (rather than fake-timers' tickAsync, which stays "inside a tick" across its
 * awaits and so gives a setTimeout(0) or setImmediate queued by a promise job an extra 1 ms) keeps
 * every timer at the time real Node would run it.
 */
async function runUntil(clock: Clock, target: number, stopWhen: () => boolean = () => false): Promise<void> {
  for (let fired = 0; ; fired++) {
    await drainJobs();
    if (stopWhen()) return;
    const due = earliestDue(clock);
    if (due === undefined || due > target) break;
    if (fired >= LOOP_LIMIT) throw runawayFailure(clock);
    await clock.nextAsync();
  }
  if (Number.isFinite(target) && target > clock.now) clock.tick(target - clock.now);
  await drainJobs();
}

interface FakeTimer {
  func: unknown;
  callAt: number;
  delay?: number;
  interval?: number;
  immediate?: boolean;
}

function pendingTimers(): PendingTimer[] {
  return timersOf(current())
    .filter((t) => !(typeof t.func === 'function' && abortTimeoutCallbacks.has(t.func)))
    .map((t) => ({
      kind: t.immediate ? 'setImmediate' : t.interval !== undefined ? 'setInterval' : 'setTimeout',
      delayMs: t.interval ?? t.delay ?? 0,
      dueAt: t.callAt,
    }));
}

function describeTimer(t: PendingTimer): string {
  if (t.kind === 'setImmediate') return 'a setImmediate';
  if (t.kind === 'setInterval') return `a setInterval every ${t.delayMs} ms`;
  return `a setTimeout of ${t.delayMs} ms (due at t=${t.dueAt} ms)`;
}

function watch<T>(promise: PromiseLike<T>): WatchedPromise<T> {
  const watched = { state: 'pending', value: undefined, reason: undefined, settledAt: undefined } as {
    -readonly [K in keyof WatchedPromise<T>]: WatchedPromise<T>[K];
  };
  Promise.resolve(promise).then(
    (value) => Object.assign(watched, { state: 'fulfilled', value, settledAt: installed?.now }),
    (reason: unknown) => Object.assign(watched, { state: 'rejected', reason, settledAt: installed?.now }),
  );
  return watched;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const virtualClock: VirtualClock = {
  now: () => current().now,
  advance: (ms) => runUntil(current(), current().now + ms),
  runAll: () => runUntil(current(), Infinity),
  flush: () => runUntil(current(), current().now),
  pendingTimers,
  watch,
  async settle(promise, label) {
    const watched = watch(promise);
    const clock = current();
    await runUntil(clock, Infinity, () => watched.state !== 'pending');
    if (watched.state === 'pending') {
      throw new TickworkFailure(
        'never-settled',
        `${label} never settled: at t=${clock.now} ms it was still pending and no timer was left that could settle it.`,
      );
    }
    return watched;
  },
  async rejects(promise, label) {
    const watched = await virtualClock.settle(promise, label);
    if (watched.state === 'fulfilled') {
      fail(`${label} resolved at t=${watched.settledAt} ms (with ${describeValue(watched.value)}); it should have rejected`);
    }
    if (isNotImplemented(watched.reason)) throw watched.reason;
    return { reason: watched.reason, at: watched.settledAt ?? virtualClock.now() };
  },
  async resolves(promise, label) {
    const watched = await virtualClock.settle(promise, label);
    if (watched.state === 'rejected') throw watched.reason;
    return { value: watched.value as never, at: watched.settledAt ?? virtualClock.now() };
  },
};

/** Fails the test when timers outlive it: each is work the learner's code forgot to cancel. */
export function checkTimerLeaks(): void {
  const leaks = pendingTimers();
  if (leaks.length === 0) return;
  const what = leaks.map(describeTimer).join(', ');
  throw new TickworkFailure(
    'leaked-handles',
    `${leaks.length} timer${leaks.length === 1 ? ' was' : 's were'} still pending when the test ended: ${what}. ` +
      'Clear every timer once its work is done or cancelled.',
  );
}

export interface VirtualClockOptions {
  /** Skip the pending-timer check for tests that leave timers on purpose. Default true. */
  checkLeaks?: boolean;
}

/**
 * Installs a fresh virtual clock before each test of the file and removes it after, even when the test
 * fails. Governs setTimeout/setInterval/setImmediate (and clears), Date, performance.now,
 * node:timers, node:timers/promises and AbortSignal.timeout; nextTick and queueMicrotask stay real.
 */
export function useVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const { checkLeaks = true } = options;
  beforeEach(() => {
    install();
  });
  afterEach(async () => {
    try {
      // Promise jobs queued by the test's last step get to clear their timers before we look.
      await virtualClock.flush();
      if (checkLeaks) checkTimerLeaks();
    } finally {
      uninstall();
    }
  });
  return virtualClock;
}
