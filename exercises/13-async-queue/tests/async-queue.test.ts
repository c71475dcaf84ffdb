import { describe, expect, it } from 'vitest';
import {
  check,
  expectNoAbortListeners,
  fail,
  isNotImplemented,
  points,
  trackConcurrency,
  useVirtualClock,
  type WatchedPromise,
} from '@tickwork/testkit';
import { AsyncQueue } from '#impl';

const clock = useVirtualClock();

/**
 * Moves the clock to absolute virtual time `ms` and lets every promise job run. States and sizes are
 * only sampled after such a step, so a queue may hand an item over at once or a few promise jobs later.
 */
async function advanceTo(ms: number): Promise<void> {
  await clock.advance(ms - clock.now());
}

async function put<T>(queue: AsyncQueue<T>, item: T, label = `put(${JSON.stringify(item)})`): Promise<number> {
  return (await clock.resolves(queue.put(item), label)).at;
}

async function get<T>(queue: AsyncQueue<T>, label = 'get()'): Promise<T> {
  return (await clock.resolves(queue.get(), label)).value;
}

function expectSize(queue: AsyncQueue<unknown>, expected: number, situation: string): void {
  const { size } = queue;
  check(size === expected, `${situation}: size is ${size}, expected ${expected}`);
}

function expectPending(watched: WatchedPromise<unknown>, what: string, why: string): void {
  if (watched.state === 'rejected' && isNotImplemented(watched.reason)) throw watched.reason;
  const how = watched.state === 'fulfilled' ? 'resolved' : `rejected (${String(watched.reason)})`;
  check(watched.state === 'pending', `${what} ${how} at t=${watched.settledAt} ms; ${why}`);
}

function expectResolved<T>(watched: WatchedPromise<T>, what: string, why: string): T {
  if (watched.state === 'rejected') throw watched.reason;
  check(watched.state === 'fulfilled', `${what} was still pending at t=${clock.now()} ms; ${why}`);
  return watched.value as T;
}

/** Checks that a waiting call rejected with `reason` at the moment its signal aborted. */
function expectAbortedWith(watched: WatchedPromise<unknown>, what: string, reason: Error): void {
  if (watched.state === 'rejected' && isNotImplemented(watched.reason)) throw watched.reason;
  if (watched.state === 'pending') fail(`${what} was still pending at t=${clock.now()} ms; it should reject as soon as the signal aborts`);
  if (watched.state === 'fulfilled') fail(`${what} resolved at t=${watched.settledAt} ms; it should have waited, then rejected when the signal aborted`);
  check(watched.settledAt === clock.now(), `${what} rejected at t=${watched.settledAt} ms; it should reject when the signal aborts, at t=${clock.now()} ms`);
  check(watched.reason === reason, `${what} rejected with ${String(watched.reason)}; it should reject with signal.reason (here ${String(reason)})`);
}

describe('AsyncQueue: items in, items out', () => {
  it('get() on an empty queue waits for the next put() and resolves with its item', points(2), async () => {
    const queue = new AsyncQueue<string>();
    const waiting = queue.get();
    const watched = clock.watch(waiting);
    await advanceTo(1500);
    expectPending(watched, 'get() on an empty queue', 'nothing had been put yet, so it must keep waiting');
    await put(queue, 'hello');
    const { value, at } = await clock.resolves(waiting, 'the waiting get()');
    expect(value, 'the waiting get() should resolve with the item put at t=1500 ms').toBe('hello');
    expect(at, `the waiting get() resolved at t=${at} ms; it should resolve as soon as put('hello') runs, at t=1500 ms`).toBe(1500);
  });

  it('items come out in the order they were put; maxsize 0 or omitted means no limit', points(2), async () => {
    const numbers = Array.from({ length: 50 }, (_, i) => i + 1);
    for (const [made, queue] of [
      ['new AsyncQueue()', new AsyncQueue<number>()],
      ['new AsyncQueue(0)', new AsyncQueue<number>(0)],
    ] as const) {
      for (const n of numbers) {
        const at = await put(queue, n, `put(${n}) on ${made}`);
        check(at === 0, `put(${n}) on ${made} resolved at t=${at} ms; a queue without a limit never makes put() wait`);
      }
      const out: number[] = [];
      for (const _ of numbers) out.push(await get(queue, `get() on ${made}`));
      check(
        out.every((n, i) => n === numbers[i]),
        `get() on ${made} returned ${out.slice(0, 5).join(', ')} … after put(1) … put(50); a queue is first in, first out: 1, 2, 3, 4, 5 …`,
      );
    }
  });

  it('getters that wait are served in the order they called get()', async () => {
    const queue = new AsyncQueue<string>();
    const getters = [1, 2, 3].map(() => clock.watch(queue.get()));
    await advanceTo(100);
    await put(queue, 'a');
    await advanceTo(200);
    await put(queue, 'b');
    await advanceTo(300);
    await put(queue, 'c');
    await clock.flush();
    const got = getters.map((g, i) => expectResolved(g, `get() #${i + 1}`, 'three items were put for three waiting getters'));
    expect(got, `the waiting getters received ${got.join(', ')}; the first to call get() gets the first item: a, b, c`).toEqual(['a', 'b', 'c']);
  });

  it('put() on a full queue waits until a get() makes room; waiting putters go in order', points(2), async () => {
    const queue = new AsyncQueue<string>(2);
    await put(queue, 'a');
    await put(queue, 'b');
    const putC = clock.watch(queue.put('c'));
    const putD = clock.watch(queue.put('d'));
    await clock.flush();
    expectPending(putC, "put('c') on a full queue (maxsize 2)", 'it should wait until a get() makes room at t=1000 ms');
    expectPending(putD, "put('d') on a full queue (maxsize 2)", 'it should wait until a second get() makes room at t=2000 ms');

    await advanceTo(1000);
    expect(await get(queue), 'the first get() should return `a`').toBe('a');
    await clock.flush();
    expectResolved(putC, "put('c')", 'the get() at t=1000 ms made room for the first waiting putter');
    expectPending(putD, "put('d')", "one get() makes room for one item, and `c` (which waited longer) took it");

    await advanceTo(2000);
    expect(await get(queue), 'the second get() should return `b`').toBe('b');
    await clock.flush();
    expectResolved(putD, "put('d')", 'the get() at t=2000 ms made room for it');
    expect([await get(queue), await get(queue)], 'after `a` and `b`, the queue should hold `c` then `d`').toEqual(['c', 'd']);
  });

  it('size is the number of items held, not counting callers that wait', async () => {
    const queue = new AsyncQueue<string>();
    expectSize(queue, 0, 'a new queue');
    await put(queue, 'a');
    await put(queue, 'b');
    expectSize(queue, 2, 'after two put() calls');
    await get(queue);
    expectSize(queue, 1, 'after two put() calls and one get()');
    await get(queue);
    clock.watch(queue.get());
    clock.watch(queue.get());
    await clock.flush();
    expectSize(queue, 0, 'an empty queue with two get() calls waiting (waiting getters are not items)');

    const bounded = new AsyncQueue<string>(1);
    await put(bounded, 'x');
    clock.watch(bounded.put('y'));
    clock.watch(bounded.put('z'));
    await clock.flush();
    expectSize(bounded, 1, 'a full queue of maxsize 1 with two put() calls waiting (a waiting item is not in the queue yet)');
  });
});

describe('AsyncQueue: taskDone() and join()', () => {
  it('join() resolves once every item put has had its taskDone(), not when the queue is empty', points(2), async () => {
    const queue = new AsyncQueue<string>();
    const { at } = await clock.resolves(queue.join(), 'join() on a new queue');
    check(at === 0, `join() on a new queue resolved at t=${at} ms; with no items it has nothing to wait for`);

    await put(queue, 'a');
    await put(queue, 'b');
    const first = clock.watch(queue.join());
    const second = clock.watch(queue.join());
    await get(queue);
    await get(queue);
    await clock.flush();
    expectPending(first, 'join()', 'both items were taken by get() but no taskDone() was called yet: join waits for the work on them, not for an empty queue');

    queue.taskDone();
    await clock.flush();
    expectPending(first, 'join()', 'only one of the two items had its taskDone()');
    queue.taskDone();
    await clock.flush();
    expectResolved(first, 'join()', 'both items had their taskDone()');
    expectResolved(second, 'a second join() waiting at the same time', 'every join() resolves when the last task is done');
  });

  it('taskDone() called more times than items were put throws, and is not counted', async () => {
    const queue = new AsyncQueue<string>();
    await put(queue, 'a');
    await get(queue);
    queue.taskDone();
    let threw = false;
    try {
      queue.taskDone();
    } catch (error) {
      if (isNotImplemented(error)) throw error;
      threw = true;
    }
    check(threw, 'a second taskDone() after a single item was put did not throw; it should throw an Error (Python raises ValueError), or join() would resolve too early');

    await put(queue, 'b');
    const joined = clock.watch(queue.join());
    await clock.flush();
    expectPending(joined, "join() after put('b')", 'the extra taskDone() earlier must not count for the new item');
    await get(queue);
    queue.taskDone();
    await clock.flush();
    expectResolved(joined, 'join()', "`b` had its taskDone()");
  });
});

describe('AsyncQueue: giving up with an AbortSignal', () => {
  it('an aborted get() rejects with signal.reason, and the next item goes to the next getter', points(2), async () => {
    const queue = new AsyncQueue<string>();
    const controller = new AbortController();
    const reason = new Error('consumer stopped');
    const aborted = clock.watch(queue.get({ signal: controller.signal }));
    const next = clock.watch(queue.get());

    await advanceTo(500);
    controller.abort(reason);
    await clock.flush();
    expectAbortedWith(aborted, 'the get() whose signal aborted at t=500 ms', reason);

    await advanceTo(1000);
    await put(queue, 'x');
    await clock.flush();
    check(next.state === 'fulfilled' && next.value === 'x', `the item \`x\` put at t=1000 ms did not reach the get() still waiting (it was ${next.state}${next.state === 'fulfilled' ? ` with ${String(next.value)}` : ''}): an aborted getter must leave the line, or it swallows the item`);
    expectSize(queue, 0, '`x` went to the waiting get()');

    await put(queue, 'y');
    const early = await clock.rejects(queue.get({ signal: AbortSignal.abort(reason) }), 'get() with a signal that is already aborted');
    check(early.reason === reason, `get() with an already aborted signal rejected with ${String(early.reason)}; expected signal.reason`);
    expect(await get(queue), 'get() with an already aborted signal must not take `y` from the queue').toBe('y');
  });

  it('an aborted put() rejects with signal.reason, its item never enters, the next putter takes the room', points(2), async () => {
    const queue = new AsyncQueue<string>(1);
    const controller = new AbortController();
    const reason = new Error('producer stopped');
    await put(queue, 'a');
    const aborted = clock.watch(queue.put('b', { signal: controller.signal }));
    const next = clock.watch(queue.put('c'));

    await advanceTo(500);
    controller.abort(reason);
    await clock.flush();
    expectAbortedWith(aborted, "put('b') on a full queue, whose signal aborted at t=500 ms", reason);
    expectSize(queue, 1, "put('b') was aborted and only `a` is in the queue");

    await advanceTo(1000);
    expect(await get(queue), 'the first get() should return `a`').toBe('a');
    await clock.flush();
    expectResolved(next, "put('c')", 'the get() at t=1000 ms made room, and the aborted putter had left the line');
    expect(await get(queue), 'the item of the aborted put() must never enter the queue: after `a` comes `c`').toBe('c');

    // The aborted item is no task either: two taskDone() calls (for a and c) finish the work.
    queue.taskDone();
    queue.taskDone();
    const joined = clock.watch(queue.join());
    await clock.flush();
    expectResolved(joined, 'join()', '`a` and `c` had their taskDone(), and the item of the aborted put() was never a task');
  });

  it('leaves no abort listener behind once a get() or put() with a signal has settled', async () => {
    const queue = new AsyncQueue<string>(1);
    const { signal } = new AbortController();

    const waitingGet = queue.get({ signal });
    await advanceTo(100);
    await put(queue, 'a');
    await clock.resolves(waitingGet, 'get({ signal })');
    expectNoAbortListeners(signal, 'a waiting get({ signal }) received its item');

    await clock.resolves(queue.put('b', { signal }), "put('b', { signal }) on an empty queue");
    const waitingPut = queue.put('c', { signal });
    await advanceTo(200);
    await get(queue);
    await clock.resolves(waitingPut, "put('c', { signal })");
    expectNoAbortListeners(signal, "a waiting put('c', { signal }) got its room");

    await clock.resolves(queue.get({ signal }), 'get({ signal }) on a queue holding `c`');
    expectNoAbortListeners(signal, 'get({ signal }) took an item at once');
  });
});

describe('AsyncQueue: producer and consumers', () => {
  it('three workers share six 1000 ms jobs: two rounds, join() resolves at t=2000 ms', points(3), async () => {
    const queue = new AsyncQueue<string>();
    const probe = trackConcurrency(clock.now);
    const stop = new AbortController();

    // Each worker takes a job, works on it for 1000 ms, reports it done, and goes back for the next,
    // until the signal tells it to stop (Python would cancel the worker tasks instead).
    async function worker(): Promise<void> {
      for (;;) {
        let job: string;
        try {
          job = await queue.get({ signal: stop.signal });
        } catch (error) {
          if (stop.signal.aborted && error === stop.signal.reason) return;
          throw error;
        }
        await probe.operation(job, { ms: 1000 })();
        queue.taskDone();
      }
    }
    const workers = Promise.all([worker(), worker(), worker()]);
    clock.watch(workers); // a worker's error also surfaces through the race below

    const jobs = ['job 1', 'job 2', 'job 3', 'job 4', 'job 5', 'job 6'];
    for (const job of jobs) await put(queue, job);
    const done = Promise.race([queue.join(), workers]);
    const { at } = await clock.resolves(done, 'join() while three workers take six 1000 ms jobs');
    stop.abort();
    await clock.flush();

    check(at === 2000, `join() resolved at t=${at} ms; three workers doing six 1000 ms jobs finish two rounds at t=2000 ms. Timeline: ${probe.timeline.format()}`);
    const order = probe.startOrder().join(', ');
    check(order === jobs.join(', '), `the workers started the jobs in the order ${order}; they should take them in the order they were put, job 1 to job 6`);
    probe.expectPeak(3, 'three workers, each on one job at a time');
    probe.timeline.expectAt('start job 4', 1000, 'job 4 starts when the first worker comes back at t=1000 ms');
    probe.timeline.expectAt('start job 6', 1000);
  });
});
