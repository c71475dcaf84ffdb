import { describe, expect, it } from 'vitest';
import { ApiError, check, expectNoAbortListeners, FakeLlm, points, useVirtualClock, type LlmStep } from '@tickwork/testkit';
import { runBatch } from '#impl';
import { describeEntry, expectPeakAtMost, expectWithinBudgets } from './helpers.ts';

const clock = useVirtualClock();

/** Budgets so large they never bind: for tests about something else. */
const ROOMY = { requestsPerMinute: 1000, tokensPerMinute: 100_000 };

describe('runBatch(api, prompts, options) — results', () => {
  it('resolves with one settled entry per prompt in input order; a 400 is not retried, a 500 is retried maxRetries times', points(2), async () => {
    const latency: Record<string, number> = { slow: 3000, fast: 500, medium: 1500 };
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }): LlmStep => {
        if (prompt === 'bad request') return { error: new ApiError(400), latencyMs: 200 };
        if (prompt === 'always down') return { error: new ApiError(500), latencyMs: 200 };
        return { latencyMs: latency[prompt] };
      },
    });
    const prompts = ['slow', 'fast', 'bad request', 'always down', 'medium'];
    const options = { ...ROOMY, concurrency: 5, attemptTimeoutMs: 10_000, maxRetries: 2 };
    const { value: results } = await clock.resolves(runBatch(api, prompts, options), 'runBatch(api, 5 prompts, …)');

    check(Array.isArray(results) && results.length === 5, `runBatch resolved with ${JSON.stringify(results)}; expected an array of 5 settled entries`);
    for (const [i, prompt] of prompts.entries()) {
      const entry = results[i];
      const last = api.callsFor(prompt).at(-1);
      if (prompt === 'bad request' || prompt === 'always down') {
        const status = prompt === 'bad request' ? 400 : 500;
        check(
          entry?.status === 'rejected' && (entry.reason as ApiError).status === status,
          `entry ${i} (prompt "${prompt}") is ${describeEntry(entry)}; expected rejected with the API's ${status} error, at the prompt's own place`,
        );
      } else {
        check(
          entry?.status === 'fulfilled' && entry.value.text === `echo: ${prompt}` && entry.value.id === `call-${last?.index}`,
          `entry ${i} (prompt "${prompt}") is ${describeEntry(entry)}; expected fulfilled with the answer to "${prompt}" — results go in input order, not in the order they finish`,
        );
      }
    }
    const badCalls = api.callsFor('bad request').length;
    check(badCalls === 1, `"bad request" was sent ${badCalls} times; a 400 is not worth retrying: send it once`);
    const downCalls = api.callsFor('always down').length;
    check(downCalls === 3, `"always down" was sent ${downCalls} times; a 500 is retried, so with maxRetries 2 it is sent 3 times`);
  });

  it('an empty batch resolves with [] at once and calls nothing', async () => {
    const api = new FakeLlm({ now: clock.now });
    const { value, at } = await clock.resolves(
      runBatch(api, [], { ...ROOMY, concurrency: 2, attemptTimeoutMs: 1000, maxRetries: 1 }),
      'runBatch(api, [], …)',
    );
    expect(value, 'runBatch with no prompts should resolve with an empty array').toEqual([]);
    check(at === 0 && api.calls.length === 0, `runBatch([]) resolved at t=${at} ms after ${api.calls.length} calls; expected t=0 ms and no call`);
  });
});

describe('runBatch — the README example', () => {
  it('10 prompts, concurrency 3, 8 requests and 100 tokens per minute: starts at 0,0,0,1000,1000,60000×3,61000×2 and resolves at t=62000 ms', points(3), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 1000 });
    const prompts = Array.from({ length: 10 }, (_, i) => `Summarise chapter ${i + 1} briefly`);
    const options = { concurrency: 3, requestsPerMinute: 8, tokensPerMinute: 100, attemptTimeoutMs: 10_000, maxRetries: 2 };
    const { value, at } = await clock.resolves(runBatch(api, prompts, options), 'runBatch(api, 10 chapters, …)');

    expectWithinBudgets(api, options);
    expectPeakAtMost(api, 3);
    const starts = api.calls.map((call) => call.start).sort((a, b) => a - b);
    const expected = [0, 0, 0, 1000, 1000, 60_000, 60_000, 60_000, 61_000, 61_000];
    check(
      starts.join() === expected.join(),
      `the requests started at t=${starts.join(', ')} ms; the README derives t=${expected.join(', ')} ms. ` +
        'Each request must start as soon as a slot is free and both budgets have room, not later.',
    );
    check(at === 62_000, `runBatch resolved at t=${at} ms; the README's example finishes at t=62000 ms`);
    check(value.every((entry) => entry.status === 'fulfilled'), 'every prompt of the example should be fulfilled');
  });
});

describe('runBatch — rate limits', () => {
  it('retries count against the request budget: a retry waits for room in the window like any request', points(2), async () => {
    const api = new FakeLlm({
      now: clock.now,
      latencyMs: 1300,
      respond: ({ prompt }, { attempt }) => (prompt === 'a' && attempt === 1 ? { error: new ApiError(500) } : undefined),
    });
    const options = { concurrency: 2, requestsPerMinute: 2, tokensPerMinute: 100_000, attemptTimeoutMs: 10_000, maxRetries: 2 };
    const { value } = await clock.resolves(runBatch(api, ['a', 'b'], options), "runBatch(api, ['a', 'b'], …)");

    expectWithinBudgets(api, options);
    const retry = api.callsFor('a')[1];
    check(retry !== undefined, `"a" failed with a 500 and was never retried (${api.callsFor('a').length} call)`);
    check(
      retry.start === 60_000,
      `the retry of "a" started at t=${retry.start} ms; its backoff ended at t=2300 ms, but "a" and "b" used the budget of 2 at t=0, ` +
        'so the retry must wait for t=60000 ms',
    );
    check(value[0]?.status === 'fulfilled', `entry 0 ("a") is ${describeEntry(value[0])}; its retry succeeds`);
  });

  it('the window slides: no 60-second span holds more than requestsPerMinute starts, whatever minute it begins in', points(2), async () => {
    const latency: Record<string, number> = { a: 50_500, b: 1250, c: 1250, d: 1250 };
    const api = new FakeLlm({ now: clock.now, respond: ({ prompt }) => ({ latencyMs: latency[prompt] }) });
    const options = { concurrency: 1, requestsPerMinute: 2, tokensPerMinute: 100_000, attemptTimeoutMs: 100_000, maxRetries: 0 };
    const { at } = await clock.resolves(runBatch(api, ['a', 'b', 'c', 'd'], options), "runBatch(api, ['a', 'b', 'c', 'd'], …)");

    expectWithinBudgets(api, options);
    const starts = ['a', 'b', 'c', 'd'].map((prompt) => api.callsFor(prompt)[0]?.start);
    check(
      starts.join() === '0,50500,60000,110500',
      `the prompts started at t=${starts.join(', ')} ms; expected 0, 50500, 60000 and 110500 ms: ` +
        '"c" goes as soon as the start of "a" (t=0) is a minute old, "d" as soon as the start of "b" (t=50500) is',
    );
    check(at === 111_750, `runBatch resolved at t=${at} ms; expected t=111750 ms`);
  });
});

describe('runBatch — retries and timeouts', () => {
  it('waits retry-after seconds when the error says so, else 1 s, 2 s, 4 s …; a timed-out attempt is retried', points(2), async () => {
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }, { attempt }): LlmStep | undefined => {
        if (prompt === 'flaky' && attempt <= 2) return { error: new ApiError(503) };
        if (prompt === 'limited' && attempt === 1) return { error: new ApiError(429, { 'retry-after': '5' }) };
        if (prompt === 'stuck' && attempt === 1) return { hang: true };
        return undefined;
      },
    });
    const options = { ...ROOMY, concurrency: 3, attemptTimeoutMs: 3000, maxRetries: 3 };
    const { value, at } = await clock.resolves(runBatch(api, ['flaky', 'limited', 'stuck'], options), 'runBatch(api, 3 prompts, …)');

    const startsOf = (prompt: string): string => api.callsFor(prompt).map((call) => call.start).join(', ');
    check(
      startsOf('flaky') === '0, 2000, 5000',
      `"flaky" (503, 503, then ok) was sent at t=${startsOf('flaky')} ms; expected 0, 2000, 5000: ` +
        'it fails at t=1000 and waits 1 s, fails at t=3000 and waits 2 s',
    );
    check(
      startsOf('limited') === '0, 6000',
      `"limited" (429 with retry-after: 5, then ok) was sent at t=${startsOf('limited')} ms; expected 0 and 6000: it fails at t=1000 and waits the 5 s the API asked for`,
    );
    check(
      startsOf('stuck') === '0, 4000',
      `"stuck" (no answer, then ok) was sent at t=${startsOf('stuck')} ms; expected 0 and 4000: the attempt times out at t=3000 and the retry waits 1 s`,
    );
    check(value.every((entry) => entry.status === 'fulfilled'), `not every prompt was fulfilled: ${value.map(describeEntry).join('; ')}`);
    check(at === 7000, `runBatch resolved at t=${at} ms; expected t=7000 ms, when the retry of "limited" answers`);
  });

  it('aborts an attempt that times out, so it stops counting: never more than `concurrency` calls in flight', points(2), async () => {
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }, { attempt }) => (attempt === 1 || prompt === 'never' ? { hang: true } : undefined),
    });
    const controller = new AbortController();
    const prompts = ['p1', 'p2', 'p3', 'p4', 'never'];
    const options = { ...ROOMY, concurrency: 2, attemptTimeoutMs: 3000, maxRetries: 1, signal: controller.signal };
    const { value } = await clock.resolves(runBatch(api, prompts, options), 'runBatch(api, 5 prompts that hang at first, …)');

    expectPeakAtMost(api, 2, ': an attempt that timed out is still in flight at the API until you abort it');
    for (const call of api.calls.filter((c) => c.attempt === 1 || c.request.prompt === 'never')) {
      check(
        call.outcome === 'aborted' && call.end === call.start + 3000,
        `attempt ${call.attempt} of "${call.request.prompt}" started at t=${call.start} ms and never answered; ` +
          `it should have been aborted at t=${call.start + 3000} ms (attemptTimeoutMs 3000), but it is ${call.outcome}` +
          (call.end === undefined ? '' : ` since t=${call.end} ms`),
      );
    }
    for (const [i, entry] of value.slice(0, 4).entries()) {
      check(entry.status === 'fulfilled', `entry ${i} (${prompts[i]}) is ${describeEntry(entry)}; its retry answers`);
    }
    const last = value[4];
    check(
      last?.status === 'rejected' && (last.reason as Error | undefined)?.name === 'TimeoutError',
      `entry 4 ("never", no answer to any attempt) is ${describeEntry(last)}; expected rejected with an error named TimeoutError`,
    );
    expectNoAbortListeners(controller.signal, 'runBatch resolved');
  });
});
