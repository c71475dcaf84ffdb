import { describe, it } from 'vitest';
import { check, fail, points, recordTimeline, trackConcurrency, useVirtualClock } from '@tickwork/testkit';
import { Mutex, type Release } from '#impl';

const clock = useVirtualClock();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The README's account: deposit() reads the balance, awaits (a database round trip), then writes. */
function createAccount() {
  let balance = 0;
  return {
    balance: () => balance,
    async deposit(amount: number): Promise<void> {
      const read = balance;
      await sleep(10);
      balance = read + amount;
    },
  };
}

const AMOUNTS = [10, 20, 30, 40, 50];
const TOTAL = AMOUNTS.reduce((sum, amount) => sum + amount, 0);

/**
 * A caller that arrives at `arriveAt`, waits for the lock, holds it for `holdMs`, then releases.
 * Logs `<name> acquired` when the lock is its own.
 */
function caller(mutex: Mutex, log: (label: string) => void, name: string, arriveAt: number, holdMs: number) {
  return (async () => {
    if (arriveAt > 0) await sleep(arriveAt);
    const release = await mutex.acquire();
    log(`${name} acquired`);
    await sleep(holdMs);
    release();
  })();
}

describe('mutex.acquire()', () => {
  it('resolves at once with a release function when the lock is free', async () => {
    const mutex = new Mutex();
    const { value: release, at } = await clock.resolves(mutex.acquire(), 'acquire() on a free mutex');
    check(typeof release === 'function', `acquire() resolved with ${typeof release}; it should resolve with a release function`);
    check(at === 0, `acquire() on a free mutex resolved at t=${at} ms; nobody held the lock, so it should resolve at t=0 ms`);
    release();
  });

  it('makes a second caller wait until the first one releases', points(2), async () => {
    const mutex = new Mutex();
    const timeline = recordTimeline(clock.now);
    await clock.resolves(
      Promise.all([caller(mutex, timeline.log, 'first', 0, 100), caller(mutex, timeline.log, 'second', 0, 100)]),
      'two callers of acquire()',
    );
    timeline.expectAt('first acquired', 0);
    timeline.expectAt('second acquired', 100, 'the first caller held the lock until it released it at t=100 ms');
  });

  it('serves waiters first come, first served', points(2), async () => {
    const mutex = new Mutex();
    const timeline = recordTimeline(clock.now);
    // A takes the lock at t=0 and holds it for 100 ms; B, C, D line up at t=10, 20, 30.
    await clock.resolves(
      Promise.all([
        caller(mutex, timeline.log, 'A', 0, 100),
        caller(mutex, timeline.log, 'B', 10, 100),
        caller(mutex, timeline.log, 'C', 20, 100),
        caller(mutex, timeline.log, 'D', 30, 100),
      ]),
      'four callers of acquire()',
    );
    const order = timeline.labels().map((label) => label.replace(' acquired', ''));
    check(
      order.join(', ') === 'A, B, C, D',
      `the lock went to ${order.join(', ')}; B, C and D called acquire() in that order (at t=10, 20, 30 ms), so they must get it in that order. Recorded: ${timeline.format()}`,
    );
    timeline.expectAt('B acquired', 100);
    timeline.expectAt('C acquired', 200);
    timeline.expectAt('D acquired', 300);
  });

  it('hands the lock to the oldest waiter, not to a newcomer that calls acquire() just as it is released', async () => {
    const mutex = new Mutex();
    const timeline = recordTimeline(clock.now);
    const { value: releaseA } = await clock.resolves(mutex.acquire(), 'acquire() by A');
    const b = caller(mutex, timeline.log, 'B', 0, 50);
    await clock.advance(100);
    releaseA();
    const c = caller(mutex, timeline.log, 'C', 0, 50); // arrives in the same instant as the release
    await clock.resolves(Promise.all([b, c]), 'the waiter B and the newcomer C');
    timeline.expectAt('B acquired', 100, 'B had been waiting since t=0 ms');
    timeline.expectAt('C acquired', 150, 'C arrived as A released; B was already waiting, so C gets the lock when B releases it at t=150 ms');
  });
});

describe('mutex.isLocked()', () => {
  it('stays true while callers wait, even as the lock passes from one to the next, and is false after the last release', points(2), async () => {
    const mutex = new Mutex();
    check(mutex.isLocked() === false, 'isLocked() returned true on a new mutex that nobody had acquired');
    const held: Release[] = [];
    const take = (): Promise<void> => mutex.acquire().then((release) => void held.push(release));
    await clock.resolves(take(), 'the first acquire()');
    check(mutex.isLocked() === true, 'isLocked() returned false while a caller held the lock');
    const waiting = Promise.all([take(), take()]);
    await clock.flush();
    check(mutex.isLocked() === true, 'isLocked() returned false while one caller held the lock and two more waited for it');

    for (const [step, waitersLeft] of [['first', 2], ['second', 1]] as const) {
      const release = held.shift();
      if (!release) fail(`after the ${step} release, no waiter had received the lock, although ${waitersLeft} were waiting`);
      release();
      check(
        mutex.isLocked() === true,
        `isLocked() returned false right after the ${step} holder released, while ${waitersLeft} caller(s) still waited: a release must hand the lock straight to the next waiter, so it is never free while anyone waits`,
      );
      await clock.flush();
    }

    await clock.resolves(waiting, 'the two waiting acquire() calls');
    const last = held.shift();
    if (!last) fail('the third caller never received the lock');
    last();
    check(mutex.isLocked() === false, 'isLocked() still returned true after the last holder released and nobody was waiting');
  });

  it('counts a release called twice only once: the second call frees nothing extra', points(2), async () => {
    const mutex = new Mutex();
    const { value: releaseA } = await clock.resolves(mutex.acquire(), 'acquire() by A');
    const holders: string[] = [];
    const releases = new Map<string, Release>();
    // A function, not holders.length: TypeScript would narrow the length after the first check.
    const holding = (): number => holders.length;
    for (const name of ['B', 'C']) {
      void mutex.acquire().then((release) => {
        holders.push(name);
        releases.set(name, release);
      });
    }
    await clock.flush();
    check(holding() === 0, `${holders.join(' and ')} got the lock while A still held it`);

    releaseA();
    releaseA();
    await clock.flush();
    check(
      holding() === 1,
      holding() === 0
        ? 'A released the lock but neither waiter (B, C) received it'
        : `after A called its release function twice, ${holders.join(' and ')} both held the lock: a second call to the same release must do nothing`,
    );

    releaseA(); // late: the lock now belongs to somebody else
    await clock.flush();
    check(
      holding() === 1,
      `A called its old release function again after the lock had passed to ${holders[0]}, and that let ${holders[1]} in too: a used release must not free the lock of its next holder`,
    );
    check(mutex.isLocked() === true, `isLocked() returned false while ${holders[0]} held the lock`);

    releases.get(holders[0]!)!();
    await clock.flush();
    check(holding() === 2, `${holders[0]} released, but the last waiter never received the lock`);
    releases.get(holders[1]!)!();
    check(mutex.isLocked() === false, 'isLocked() still returned true after every holder had released');
  });
});

describe('mutex.runExclusive(fn)', () => {
  it('resolves with what fn returns, whether fn is synchronous or async', async () => {
    const mutex = new Mutex();
    const sync = await clock.resolves(mutex.runExclusive(() => 42), 'runExclusive(() => 42)');
    check(sync.value === 42, `runExclusive(() => 42) resolved with ${String(sync.value)}, expected 42`);
    const later = await clock.resolves(
      mutex.runExclusive(async () => {
        await sleep(50);
        return 'done';
      }),
      'runExclusive(async fn)',
    );
    check(later.value === 'done', `runExclusive(async fn) resolved with ${String(later.value)}; it should resolve with the value fn resolves with, "done"`);
    check(later.at === 50, `runExclusive(async fn) resolved at t=${later.at} ms; fn resolves at t=50 ms, and runExclusive should wait for it`);
    check(mutex.isLocked() === false, 'isLocked() still returned true after runExclusive had finished');
  });

  it('runs one fn at a time, in the order runExclusive was called', points(2), async () => {
    const mutex = new Mutex();
    const probe = trackConcurrency(clock.now);
    const jobs = ['job 1', 'job 2', 'job 3'].map((name) => mutex.runExclusive(probe.operation(name, { ms: 100 })));
    const { value, at } = await clock.resolves(Promise.all(jobs), 'three runExclusive calls');
    probe.expectPeakAtMost(1, 'only the holder of the lock may run');
    check(
      probe.startOrder().join(', ') === 'job 1, job 2, job 3',
      `the jobs started in the order ${probe.startOrder().join(', ')}; they must run in the order runExclusive was called. Timeline: ${probe.timeline.format()}`,
    );
    check(value.join(', ') === 'job 1, job 2, job 3', `the three calls resolved with ${JSON.stringify(value)}, expected each job's own value`);
    check(at === 300, `the three 100 ms jobs were done at t=${at} ms; one after another they end at t=300 ms`);
  });

  it('releases the lock when fn throws or rejects, and rejects with that error', points(2), async () => {
    const mutex = new Mutex();
    const thrown = new Error('thrown by fn');
    const first = await clock.rejects(
      mutex.runExclusive(() => {
        throw thrown;
      }),
      'runExclusive(fn that throws)',
    );
    check(first.reason === thrown, `runExclusive(fn that throws) rejected with ${String(first.reason)}; it should reject with fn's own error`);

    const rejected = new Error('rejected by fn');
    const second = clock.watch(
      mutex.runExclusive(async () => {
        await sleep(50);
        throw rejected;
      }),
    );
    await clock.runAll();
    if (second.state === 'pending') {
      fail('after fn threw, the lock was never released: the next runExclusive(fn) was still waiting for it. Release the lock whatever fn does (finally)');
    }
    check(second.reason === rejected, `runExclusive(async fn that rejects) settled with ${String(second.value ?? second.reason)}; it should reject with fn's own error`);

    const third = clock.watch(mutex.runExclusive(() => 'after'));
    await clock.runAll();
    if (third.state === 'pending') {
      fail("after fn's promise rejected, the lock was never released: the next runExclusive(fn) was still waiting for it. Release the lock whatever fn does (finally)");
    }
    check(third.value === 'after', `runExclusive(() => 'after') settled with ${String(third.value ?? third.reason)}, expected "after"`);
    check(mutex.isLocked() === false, 'isLocked() still returned true after every runExclusive had finished');
  });
});

describe('deposit() guarded by the mutex', () => {
  it('loses updates without the lock, and keeps the exact balance with it', points(3), async () => {
    // First, the race itself, with no lock: every deposit reads the balance before any of them writes.
    const unguarded = createAccount();
    await clock.resolves(Promise.all(AMOUNTS.map((amount) => unguarded.deposit(amount))), 'five unguarded deposits');
    check(unguarded.balance() < TOTAL, `test setup: the unguarded deposits should lose updates, but the balance was ${unguarded.balance()}`);

    const mutex = new Mutex();
    const account = createAccount();
    await clock.resolves(
      Promise.all(AMOUNTS.map((amount) => mutex.runExclusive(() => account.deposit(amount)))),
      'five deposits through runExclusive',
    );
    check(
      account.balance() === TOTAL,
      `five deposits (${AMOUNTS.join(' + ')}) through runExclusive left a balance of ${account.balance()}, expected ${TOTAL}: some deposits read the balance while another one was between its read and its write (without the lock it ends at ${unguarded.balance()})`,
    );

    const viaAcquire = createAccount();
    await clock.resolves(
      Promise.all(
        AMOUNTS.map(async (amount) => {
          const release = await mutex.acquire();
          try {
            await viaAcquire.deposit(amount);
          } finally {
            release();
          }
        }),
      ),
      'five deposits between acquire() and release()',
    );
    check(
      viaAcquire.balance() === TOTAL,
      `five deposits (${AMOUNTS.join(' + ')}) made between acquire() and release() left a balance of ${viaAcquire.balance()}, expected ${TOTAL}`,
    );
  });
});
