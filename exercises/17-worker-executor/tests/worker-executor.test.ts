import { afterEach, describe, expect, it } from 'vitest';
import { check, expectResponsive, fail, points, probeResponsiveness, realTimers } from '@tickwork/testkit';
import { createExecutor, type Executor } from '#impl';
import { Board, ON_MAIN_THREAD, PATIENCE_MS, realSleep } from './board.ts';
import { describeOutcome, follow, followCall, messageOf, settleAll, type Outcome } from './outcomes.ts';
import { add, exitWorker, failWith, gatedTask, meetPartners, spinFor, whichThread } from './sent-to-worker.ts';
import { expectNoNewHandles, expectWorkersEnded } from './thread-checks.ts';

// Real parallelism is the point of this exercise: no virtual clock here, every time is real. Nothing is
// timed against the machine's speed: the tests count and order what the tasks record inside their
// workers (shared memory), and wait for what a working pool does in milliseconds up to PATIENCE_MS.

/** Every pool a test opens is closed after it, its gated tasks released first, whatever the test did. */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function openExecutor(maxWorkers: number, board?: Board): Executor {
  const executor = createExecutor({ maxWorkers });
  cleanups.push(async () => {
    board?.openAll();
    let timer: ReturnType<typeof realTimers.setTimeout> | undefined;
    const closed = followCall(() => executor.close());
    await Promise.race([
      settleAll([closed], 3000),
      new Promise((resolve) => (timer = realTimers.setTimeout(resolve, 3000))),
    ]);
    realTimers.clearTimeout(timer);
  });
  return executor;
}

function expectCounts(executor: Executor, expected: { busy: number; queued: number }, when: string): void {
  const { busy, queued } = executor;
  check(
    busy === expected.busy && queued === expected.queued,
    `${when}, busy was ${busy} and queued ${queued}: expected busy ${expected.busy} (tasks handed to a worker) ` +
      `and queued ${expected.queued} (tasks waiting for a free worker)`,
  );
}

/** Fails unless every outcome resolved with the value expected, naming each task that did not. */
function expectResolved<T>(outcomes: Outcome<T>[], expected: T[], what: (i: number) => string): void {
  const wrong = outcomes.flatMap((outcome, i) =>
    outcome.state === 'resolved' && JSON.stringify(outcome.value) === JSON.stringify(expected[i])
      ? []
      : [`${what(i)} ${describeOutcome(outcome)}, expected ${JSON.stringify(expected[i])}`],
  );
  if (wrong.length > 0) fail(wrong.join('; '));
}

/** A gated task resolves with its index and thread: keep the index, the part a test can predict. */
function indexOf(outcome: Outcome<{ index: number }>): Outcome<number> {
  return outcome.state === 'resolved' ? { state: 'resolved', value: outcome.value.index } : outcome;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('createExecutor({ maxWorkers })', () => {
  it('run(fn, ...args) resolves with what fn returns, computed on a worker thread', async () => {
    const executor = openExecutor(2);
    const [sum, thread] = await settleAll([follow(executor.run(add, 2, 40)), follow(executor.run(whichThread))]);
    expectResolved([sum!], [42], () => 'run(add, 2, 40)');
    if (thread!.state === 'resolved' && thread!.value === 0) fail(ON_MAIN_THREAD);
    check(thread!.state === 'resolved', `run(whichThread) ${describeOutcome(thread!)}`);
  });

  it('reuses its workers: 18 tasks on maxWorkers 3 run on at most 3 threads', points(2), async () => {
    const executor = openExecutor(3);
    const ids: number[] = [];
    // One after the other (the pool is idle between them), then 12 at once.
    for (let i = 0; i < 6; i++) {
      const [outcome] = await settleAll([follow(executor.run(whichThread))]);
      if (outcome!.state !== 'resolved') fail(`run(whichThread) number ${i + 1} ${describeOutcome(outcome!)}`);
      ids.push(outcome!.value);
    }
    const together = await settleAll(range(12).map(() => follow(executor.run(whichThread))));
    for (const outcome of together) {
      if (outcome.state !== 'resolved') fail(`one of 12 calls to run(whichThread) ${describeOutcome(outcome)}`);
      ids.push(outcome.value);
    }
    if (ids.includes(0)) fail(ON_MAIN_THREAD);
    const threads = [...new Set(ids)];
    check(
      threads.length <= 3,
      `18 tasks ran on ${threads.length} different worker threads (threadId ${threads.join(', ')}): a pool with ` +
        'maxWorkers 3 keeps at most 3 workers and gives each one task after another, instead of starting a thread per task',
    );
  });

  it('never runs more than maxWorkers tasks at once: busy and queued count the rest', points(3), async () => {
    const board = new Board(5);
    const executor = openExecutor(2, board);
    const results = range(5).map((i) => follow(executor.run(gatedTask, ...board.task(i))));
    const { busy, queued } = executor;
    check(
      busy <= 2 && busy + queued === 5,
      `right after 5 calls to run() on a pool with maxWorkers 2, busy was ${busy} and queued ${queued}: ` +
        'at most 2 tasks may be handed to workers, and every task counts as busy or queued until it settles',
    );
    await board.waitFor(
      () => board.started() >= 2,
      () => `only ${board.started()} of 5 tasks started within ${PATIENCE_MS / 1000} s on a pool with maxWorkers 2: 2 should run at once`,
    );
    // The 2 running tasks are held in their workers: a pool without a limit would start a third now.
    for (let waited = 0; waited < 500 && board.started() <= 2; waited += 10) await realSleep(10);
    check(
      board.peak() <= 2,
      `${board.peak()} tasks ran at the same time (counted inside the workers) on a pool with maxWorkers 2: ` +
        'the others must wait in the queue until a worker is free',
    );
    expectCounts(executor, { busy: 2, queued: 3 }, 'while 2 of 5 tasks ran and none had finished');
    board.open(board.startOrder()[0]!);
    await board.waitFor(
      () => board.started() >= 3,
      () => 'one of the 2 running tasks finished, but no queued task started: a worker that finishes a task must take the next one',
    );
    expectCounts(executor, { busy: 2, queued: 2 }, 'once the first task had finished and the third had started');
    board.openAll();
    const outcomes = await settleAll(results);
    expectResolved(outcomes.map(indexOf), range(5), (i) => `task ${i}`);
    check(board.peak() <= 2, `${board.peak()} tasks ran at the same time on a pool with maxWorkers 2`);
    expectCounts(executor, { busy: 0, queued: 0 }, 'once all 5 tasks had settled');
  });

  it('runs up to maxWorkers tasks in parallel', points(2), async () => {
    const executor = openExecutor(3);
    const arrivals = new Int32Array(new SharedArrayBuffer(4));
    const outcomes = await settleAll(range(3).map(() => follow(executor.run(meetPartners, arrivals, 3, 5000))));
    if (outcomes.some((o) => o.state === 'resolved' && o.value === 'main thread')) fail(ON_MAIN_THREAD);
    const met = outcomes.filter((o) => o.state === 'resolved' && o.value === true).length;
    check(
      met === 3,
      `3 tasks on a pool with maxWorkers 3 should run at the same time, but ${3 - met} of them ` +
        `(${outcomes.map(describeOutcome).join('; ')}) waited 5 s in vain for the others to start: ` +
        'the pool must start up to maxWorkers workers, not queue every task behind one',
    );
  });

  it('starts queued tasks in the order run() was called (first in, first out)', points(2), async () => {
    const board = new Board(6);
    const executor = openExecutor(1, board);
    for (const i of range(5)) board.open(i + 1); // only task 0 is held: it keeps the single worker busy
    const results = range(6).map((i) => follow(executor.run(gatedTask, ...board.task(i))));
    await board.waitFor(
      () => board.started() >= 1,
      () => `no task started within ${PATIENCE_MS / 1000} s on a pool with maxWorkers 1`,
    );
    const whileHeld = { busy: executor.busy, queued: executor.queued };
    board.open(0);
    const outcomes = await settleAll(results);
    expectResolved(outcomes.map(indexOf), range(6), (i) => `task ${i}`);
    expect(
      board.startOrder(),
      `the tasks started in the order ${board.startOrder().join(', ')}, but run() was called for 0, 1, 2, 3, 4, 5: ` +
        'the queue must hand out tasks first in, first out',
    ).toEqual(range(6));
    check(
      whileHeld.busy === 1 && whileHeld.queued === 5,
      `while task 0 held the only worker, busy was ${whileHeld.busy} and queued ${whileHeld.queued}: expected 1 and 5`,
    );
  });

  it('a task that throws rejects with its error, alone: the other tasks and later ones resolve', points(2), async () => {
    const executor = openExecutor(2);
    const outcomes = await settleAll([
      follow(executor.run(add, 1, 2)),
      follow(executor.run(failWith, 7)),
      follow(executor.run(add, 3, 4)),
      follow(executor.run(failWith, 8)),
      follow(executor.run(add, 5, 6)),
    ]);
    for (const [i, record] of [[1, 7], [3, 8]] as const) {
      const outcome = outcomes[i]!;
      if (outcome.state !== 'rejected') fail(`task ${i}, which throws "cannot parse record ${record}", ${describeOutcome(outcome)}: it should reject`);
      check(
        outcome.error instanceof Error && outcome.error.message.includes(`cannot parse record ${record}`),
        `task ${i} rejected with "${messageOf(outcome.error)}": expected an Error carrying fn's message "cannot parse record ${record}"`,
      );
    }
    expectResolved([outcomes[0]!, outcomes[2]!, outcomes[4]!], [3, 7, 11], (i) => `task ${i * 2} (next to tasks that throw)`);
    const [later] = await settleAll([follow(executor.run(add, 10, 20))]);
    expectResolved([later!], [30], () => 'run(add, 10, 20) after two tasks had thrown');
    expectCounts(executor, { busy: 0, queued: 0 }, 'once every task had settled');
  });

  it('a task that ends its worker (process.exit) rejects alone, and the pool replaces the worker', points(2), async () => {
    const executor = openExecutor(2);
    const outcomes = await settleAll([
      follow(executor.run(add, 1, 1)),
      follow(executor.run(exitWorker, 3)),
      follow(executor.run(add, 2, 2)),
      follow(executor.run(add, 3, 3)),
      follow(executor.run(add, 4, 4)),
      follow(executor.run(add, 5, 5)),
    ]);
    const crashed = outcomes[1]!;
    if (crashed.state === 'resolved' && crashed.value === -1) fail(ON_MAIN_THREAD);
    if (crashed.state !== 'rejected') {
      fail(
        `the task that called process.exit(3) in its worker ${describeOutcome(crashed)}: when a worker exits in the ` +
          "middle of a task, that task must reject (listen for the worker's 'exit' event)",
      );
    }
    check(crashed.error instanceof Error, `the task whose worker exited rejected with ${String(crashed.error)}, which is not an Error`);
    expectResolved(
      [0, 2, 3, 4, 5].map((i) => outcomes[i]!),
      [2, 4, 6, 8, 10],
      (i) => `task ${[0, 2, 3, 4, 5][i]} (the crash was task 1's alone)`,
    );
    // Still 2 workers: two tasks that wait for each other must meet.
    const arrivals = new Int32Array(new SharedArrayBuffer(4));
    const pair = await settleAll(range(2).map(() => follow(executor.run(meetPartners, arrivals, 2, 5000))));
    check(
      pair.every((o) => o.state === 'resolved' && o.value === true),
      `after one worker exited, two tasks on a pool with maxWorkers 2 did not run at the same time ` +
        `(${pair.map(describeOutcome).join('; ')}): the pool must start a new worker in place of the one that ended`,
    );
    expectCounts(executor, { busy: 0, queued: 0 }, 'once every task had settled');
  });

  it('close() rejects the queued tasks at once, lets the running ones finish, then ends every worker', points(3), async () => {
    const expectNoNewResources = expectNoNewHandles();
    const board = new Board(5);
    const executor = openExecutor(2, board);
    const results = range(5).map((i) => follow(executor.run(gatedTask, ...board.task(i))));
    await board.waitFor(
      () => board.started() >= 2,
      () => `only ${board.started()} of 5 tasks started within ${PATIENCE_MS / 1000} s on a pool with maxWorkers 2`,
    );
    expectCounts(executor, { busy: 2, queued: 3 }, 'before close(), while 2 of 5 tasks ran');
    const running = board.startOrder();
    const waiting = range(5).filter((i) => !running.includes(i));
    const closing = followCall(() => executor.close());

    // The 2 running tasks are still held in their workers: the 3 queued ones must not wait for them.
    const queuedOutcomes = await settleAll(waiting.map((i) => results[i]!), 3000);
    queuedOutcomes.forEach((outcome, k) => {
      const what = `queued task ${waiting[k]}`;
      if (outcome.state === 'pending') fail(`${what} was still pending 3 s after close(): close() must reject every queued task at once, or its caller waits forever`);
      if (outcome.state === 'resolved') fail(`${what} ${describeOutcome(outcome)} after close(): a queued task must be rejected, not started`);
      check(outcome.error instanceof Error, `${what} rejected with ${String(outcome.error)}, which is not an Error`);
    });
    check(board.started() === 2, `${board.started() - 2} queued task(s) started after close(): close() must reject them instead`);
    check(
      closing().state === 'pending',
      `close() ${closing().state === 'resolved' ? 'resolved' : `rejected ("${messageOf((closing() as { error: unknown }).error)}")`} ` +
        'while 2 tasks were still running: it must let them finish and end the workers before it resolves',
    );
    expectCounts(executor, { busy: 2, queued: 0 }, 'after close(), with 2 tasks still running');

    board.openAll();
    const finished = await settleAll(running.map((i) => results[i]!));
    expectResolved(finished.map(indexOf), running, (k) => `running task ${running[k]}, after close()`);
    const [closed] = await settleAll([closing]);
    check(closed!.state === 'resolved', `close() ${describeOutcome(closed!)} after the running tasks had finished`);
    await expectWorkersEnded(board.heartbeats());
    await expectNoNewResources();
  });

  it('run() after close() rejects; close() of an idle pool resolves', async () => {
    const executor = openExecutor(1);
    const [first] = await settleAll([follow(executor.run(add, 1, 2))]);
    expectResolved([first!], [3], () => 'run(add, 1, 2)');
    const [closed] = await settleAll([followCall(() => executor.close())]);
    check(closed!.state === 'resolved', `close() of an idle pool ${describeOutcome(closed!)}`);
    const [late] = await settleAll([followCall(() => executor.run(add, 3, 4))]);
    if (late!.state !== 'rejected') {
      fail(`run(add, 3, 4) after close() ${describeOutcome(late!)}: a closed pool must reject new work, not start a worker again`);
    }
    check(late!.error instanceof Error, `run() after close() rejected with ${String(late!.error)}, which is not an Error`);
    const [unused] = await settleAll([followCall(() => openExecutor(2).close())]);
    check(unused!.state === 'resolved', `close() of a pool that never ran a task ${describeOutcome(unused!)}`);
  });

  it('keeps the main event loop responsive while its workers are busy', points(2), async () => {
    const executor = openExecutor(2);
    const { result, report } = await probeResponsiveness(() => Promise.all(range(6).map(() => executor.run(spinFor, 150))));
    expectResponsive(report, '6 tasks of 150 ms on a pool with maxWorkers 2');
    if (result.includes(0)) fail(ON_MAIN_THREAD);
  });
});
