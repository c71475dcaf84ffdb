import { describe, expect, it } from 'vitest';
import { ApiError, FakeLlm, useVirtualClock } from '../src/index.ts';
import { abortListenerCount } from '../src/signals.ts';

const clock = useVirtualClock();

async function drain(stream: AsyncIterable<string>, log: Array<[number, string]>): Promise<void> {
  for await (const token of stream) log.push([clock.now(), token]);
}

describe('FakeLlm.complete', () => {
  it('answers after the scripted latency and records the call', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 800 });
    const { value, at } = await clock.resolves(api.complete({ prompt: 'two words', maxTokens: 5 }), 'complete');
    expect(at).toBe(800);
    expect(value).toEqual({ id: 'call-0', text: 'echo: two words', usage: { inputTokens: 2, outputTokens: 3 } });
    expect(api.calls[0]).toMatchObject({ attempt: 1, start: 0, end: 800, outcome: 'ok', tokens: 7, aborted: false });
    expect(api.inFlight).toBe(0);
  });

  it('plays queued steps first, then respond(), then the defaults; counts attempts per prompt', async () => {
    const api = new FakeLlm({
      now: clock.now,
      respond: (_request, { attempt }) => (attempt === 1 ? { error: new ApiError(503) } : undefined),
    });
    api.script({ error: new ApiError(429, { 'Retry-After': '2' }), latencyMs: 100 });
    const first = await clock.rejects(api.complete({ prompt: 'p' }), 'first');
    expect(first.at).toBe(100);
    expect(first.reason).toMatchObject({ status: 429, headers: { 'retry-after': '2' }, message: '429 Too Many Requests' });
    expect(api.calls[0]).toMatchObject({ outcome: 'error', status: 429 });
    const second = await clock.resolves(api.complete({ prompt: 'p' }), 'second');
    expect(second.value.id).toBe('call-1');
    const other = await clock.rejects(api.complete({ prompt: 'q' }), 'other prompt');
    expect((other.reason as ApiError).status).toBe(503);
    expect(api.callsFor('p').map((call) => call.attempt)).toEqual([1, 2]);
  });

  it('a hung call ends only by abort, with the signal reason, and leaves no listener or timer', async () => {
    const api = new FakeLlm({ now: clock.now }).script({ hang: true });
    const controller = new AbortController();
    const call = clock.watch(api.complete({ prompt: 'p' }, { signal: controller.signal }));
    await clock.advance(60_000);
    expect(call.state).toBe('pending');
    expect(api.inFlight).toBe(1);
    controller.abort(new Error('stop'));
    await clock.flush();
    expect(call.reason).toEqual(new Error('stop'));
    expect(api.calls[0]).toMatchObject({ outcome: 'aborted', aborted: true, end: 60_000 });
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('tracks peak in-flight calls and the busiest window', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 1000 });
    const calls = [api.complete({ prompt: 'a' }), api.complete({ prompt: 'b' })];
    await clock.advance(500);
    calls.push(api.complete({ prompt: 'c', maxTokens: 100 }));
    await clock.runAll();
    await Promise.all(calls);
    expect(api.peakInFlight).toBe(3);
    expect(api.busiestWindow(500)).toEqual({ total: 2, from: 0 });
    expect(api.busiestWindow(501)).toEqual({ total: 3, from: 0 });
    expect(api.busiestWindow(60_000, (call) => call.tokens)).toEqual({ total: 17 + 17 + 101, from: 0 });
  });
});

describe('FakeLlm.stream', () => {
  it('yields tokens as they arrive: the first after latencyMs, then every tokenGapMs', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 300, tokenGapMs: 50 }).script({ text: 'a b c' });
    const log: Array<[number, string]> = [];
    await clock.resolves(drain(api.stream({ prompt: 'p' }), log), 'drain');
    expect(log).toEqual([[300, 'a'], [350, ' b'], [400, ' c']]);
    expect(api.calls[0]).toMatchObject({ kind: 'stream', outcome: 'ok', tokensSent: 3, end: 400 });
  });

  it('break ends the call and clears its timer', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100, tokenGapMs: 100 }).script({ text: 'a b c d' });
    const readTwo = async (): Promise<void> => {
      for await (const token of api.stream({ prompt: 'p' })) if (token === ' b') break;
    };
    await clock.resolves(readTwo(), 'read two tokens');
    expect(clock.pendingTimers()).toHaveLength(0);
    expect(api.calls[0]).toMatchObject({ outcome: 'aborted', tokensSent: 2, end: 200 });
  });

  it('an abort rejects the pending next() with the reason; a stall hangs mid-answer', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100, tokenGapMs: 100 }).script({ text: 'a b c', stallAfterTokens: 1 });
    const controller = new AbortController();
    const log: Array<[number, string]> = [];
    const done = clock.watch(drain(api.stream({ prompt: 'p' }, { signal: controller.signal }), log));
    await clock.advance(5000);
    expect(log).toEqual([[100, 'a']]);
    controller.abort(new Error('gone'));
    await clock.flush();
    expect(done.reason).toEqual(new Error('gone'));
    expect(api.calls[0]).toMatchObject({ outcome: 'aborted', tokensSent: 1 });
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('an error step fails the stream after latencyMs', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 250 }).script({ error: new ApiError(500) });
    const { reason, at } = await clock.rejects(drain(api.stream({ prompt: 'p' }), []), 'drain');
    expect(at).toBe(250);
    expect((reason as ApiError).status).toBe(500);
    expect(api.calls[0]).toMatchObject({ outcome: 'error', status: 500 });
  });
});

describe('FakeLlm.stream, like an SDK stream', () => {
  it('return() during a waiting next() waits for it; an abort drops tokens not yet read', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100, tokenGapMs: 100 }).script({ text: 'a b c' });
    const stream = api.stream({ prompt: 'p' });
    const first = clock.watch(stream.next());
    const closed = clock.watch(stream.return!());
    await clock.flush();
    expect(closed.state).toBe('pending');
    await clock.advance(100);
    expect(first.value).toEqual({ value: 'a', done: false });
    expect(closed.state).toBe('fulfilled');
    expect(api.calls[0]).toMatchObject({ outcome: 'aborted', tokensSent: 1, end: 100 });

    const controller = new AbortController();
    const second = api.script({ text: 'x y z', tokenGapMs: 10, stallAfterTokens: 2 }).stream({ prompt: 'q' }, { signal: controller.signal });
    await clock.advance(200);
    expect(api.calls[1]).toMatchObject({ outcome: 'pending', tokensSent: 2 });
    controller.abort(new Error('gone'));
    await expect(second.next()).rejects.toThrow('gone');
  });
});
