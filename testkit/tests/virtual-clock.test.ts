import { setTimeout as sleep, setImmediate as immediate, scheduler } from 'node:timers/promises';
import * as timers from 'node:timers';
import { describe, expect, it } from 'vitest';
import { useVirtualClock } from '../src/index.ts';
import { checkTimerLeaks } from '../src/virtual-clock.ts';

const realSetTimeout = globalThis.setTimeout;
const realTimersPromisesSleep = sleep;

describe('with a virtual clock', () => {
  const clock = useVirtualClock();

  it('starts every test at t=0, with Date and performance.now on the same clock', async () => {
    expect(clock.now()).toBe(0);
    expect(Date.now()).toBe(0);
    await clock.advance(1500);
    expect(Date.now()).toBe(1500);
    expect(performance.now()).toBe(1500);
  });

  it('governs global setTimeout, setInterval and setImmediate', async () => {
    const seen: string[] = [];
    setTimeout(() => seen.push(`timeout@${clock.now()}`), 100);
    const interval = setInterval(() => seen.push(`interval@${clock.now()}`), 40);
    setImmediate(() => seen.push(`immediate@${clock.now()}`));
    await clock.advance(100);
    clearInterval(interval);
    expect(seen).toEqual(['immediate@0', 'interval@40', 'interval@80', 'timeout@100']);
  });

  it('governs node:timers/promises, imported as an ESM binding', async () => {
    const result = clock.watch(sleep(250, 'late'));
    await clock.advance(249);
    expect(result.state).toBe('pending');
    await clock.advance(1);
    expect(result).toMatchObject({ state: 'fulfilled', value: 'late', settledAt: 250 });
    await expect(clock.resolves(immediate('now'), 'setImmediate')).resolves.toEqual({ value: 'now', at: 250 });
    await expect(clock.resolves(scheduler.wait(50), 'scheduler.wait')).resolves.toMatchObject({ at: 300 });
  });

  it('rejects a timers/promises wait with an AbortError carrying the reason and leaves no timer', async () => {
    const controller = new AbortController();
    const result = clock.watch(sleep(1000, undefined, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort(new Error('stop'));
    await clock.flush();
    expect(result.state).toBe('rejected');
    expect(result.reason).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: new Error('stop') });
    expect(clock.pendingTimers()).toEqual([]);
  });

  it('runs a setImmediate or setTimeout(0) queued by a promise job at the time real Node would', async () => {
    const seen: string[] = [];
    setTimeout(() => {
      void Promise.resolve().then(() => {
        setImmediate(() => seen.push(`immediate@${clock.now()}`));
        setTimeout(() => seen.push(`timeout0@${clock.now()}`), 0);
      });
    }, 100);
    await clock.advance(1000);
    expect(seen).toEqual(['immediate@100', 'timeout0@100']);
  });

  it('governs node:timers', async () => {
    let fired = -1;
    timers.setTimeout(() => (fired = clock.now()), 70);
    await clock.advance(70);
    expect(fired).toBe(70);
  });

  it('governs AbortSignal.timeout, whose timer never counts as a leak', async () => {
    const signal = AbortSignal.timeout(500);
    await clock.advance(499);
    expect(signal.aborted).toBe(false);
    await clock.advance(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
    AbortSignal.timeout(10_000);
    expect(() => checkTimerLeaks()).not.toThrow();
  });

  it('names leaked timers after a test', () => {
    const id = setTimeout(() => {}, 2000);
    expect(() => checkTimerLeaks()).toThrow(/\[leaked-handles\] 1 timer was still pending .* a setTimeout of 2000 ms \(due at t=2000 ms\)/);
    clearTimeout(id);
    expect(() => checkTimerLeaks()).not.toThrow();
  });

  it('turns an endless interval into a runaway-timers failure', async () => {
    const id = setInterval(() => {}, 1);
    await expect(clock.runAll()).rejects.toThrow(/\[runaway-timers\] more than 10000 timers fired/);
    clearInterval(id);
  });

  it('settle() fails as never-settled when no timer could settle the promise', async () => {
    await expect(clock.settle(new Promise(() => {}), 'the forever promise')).rejects.toThrow(
      /\[never-settled\] the forever promise never settled: at t=0 ms/,
    );
  });

  it('resolves() rethrows the rejection as it is', async () => {
    const error = new Error('TODO: implement thing');
    await expect(clock.resolves(Promise.reject(error), 'thing()')).rejects.toBe(error);
  });

  it('rejects() returns the reason and its time, and fails when the promise resolves', async () => {
    const error = new Error('refused');
    const later = new Promise((_, reject) => setTimeout(() => reject(error), 300));
    await expect(clock.rejects(later, 'connect()')).resolves.toEqual({ reason: error, at: 300 });
    await expect(clock.rejects(Promise.resolve('ok'), 'connect()')).rejects.toThrow('connect() resolved at t=300 ms (with "ok"); it should have rejected');
  });

  it('rejects() lets a stub\'s TODO error through as it is', async () => {
    const todo = new Error('TODO: implement connect (see README.md)');
    await expect(clock.rejects(Promise.reject(todo), 'connect()')).rejects.toBe(todo);
  });

  it('keeps nextTick and queueMicrotask real: they run without moving time', async () => {
    const order: string[] = [];
    process.nextTick(() => order.push('tick'));
    queueMicrotask(() => order.push('micro'));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(order.sort()).toEqual(['micro', 'tick']);
    expect(clock.now()).toBe(0);
  });
});

describe('after a virtual-clock test', () => {
  it('has put back the real timers and node:timers/promises', () => {
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(sleep).toBe(realTimersPromisesSleep);
  });
});
