import { describe, it } from 'vitest';
import { ApiError, check, expectNoAbortListeners, FakeLlm, points, useVirtualClock, type LlmStep } from '@tickwork/testkit';
import { runBatch } from '#impl';
import { describeEntry, expectPeakAtMost, expectProgressEnds, expectWithinBudgets, MINUTE, type ProgressLog } from './helpers.ts';

const clock = useVirtualClock();

describe('runBatch — abort', () => {
  it('an abort mid-batch rejects with the reason, aborts the calls in flight, starts nothing new and leaves no timer or listener', points(3), async () => {
    // At t=1500: "p2" is in flight, "p0" waits out its backoff, "p3" … wait for a slot or for the
    // request budget (3 per minute, used up at t=1000).
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }, { attempt }) => (prompt === 'p0' && attempt === 1 ? { error: new ApiError(500) } : undefined),
    });
    const prompts = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    setTimeout(() => controller.abort(reason), 1500);
    const options = {
      concurrency: 2, requestsPerMinute: 3, tokensPerMinute: 100_000, attemptTimeoutMs: 10_000, maxRetries: 2,
      signal: controller.signal,
    };
    const { reason: got, at } = await clock.rejects(runBatch(api, prompts, options), 'runBatch(api, 6 prompts, { signal })');
    await clock.flush();
    const timersLeft = clock.pendingTimers();

    check(at === 1500, `runBatch rejected at t=${at} ms; the signal aborted at t=1500 ms and it should reject then`);
    check(got === reason, `runBatch rejected with ${describeEntry({ status: 'rejected', reason: got })}; expected the signal's reason itself`);
    for (const call of api.calls.filter((c) => c.start < 1500 && (c.end === undefined || c.end >= 1500))) {
      check(
        call.outcome === 'aborted' && call.end === 1500,
        `"${call.request.prompt}" (attempt ${call.attempt}) was in flight when the signal aborted at t=1500 ms; ` +
          `it should have been aborted then, but it is ${call.outcome}${call.end === undefined ? '' : ` since t=${call.end} ms`}`,
      );
    }
    await clock.advance(10 * MINUTE);
    const late = api.calls.filter((c) => c.start >= 1500);
    check(
      late.length === 0,
      `after the abort at t=1500 ms the batch still sent ${late.map((c) => `"${c.request.prompt}" at t=${c.start} ms`).join(', ')}; ` +
        'an aborted batch starts nothing new, retries included',
    );
    check(
      timersLeft.length === 0,
      `${timersLeft.length} timer(s) were still pending right after the abort (due at t=${timersLeft.map((t) => t.dueAt).join(', ')} ms): ` +
        'clear backoff and rate-limit timers when the batch is aborted',
    );
    expectNoAbortListeners(controller.signal, 'runBatch was aborted');
  });

  it('a signal that is already aborted rejects at once with its reason, without a single call', async () => {
    const api = new FakeLlm({ now: clock.now });
    const reason = new Error('too late');
    const options = {
      concurrency: 2, requestsPerMinute: 10, tokensPerMinute: 1000, attemptTimeoutMs: 1000, maxRetries: 1,
      signal: AbortSignal.abort(reason),
    };
    const { reason: got, at } = await clock.rejects(runBatch(api, ['a', 'b'], options), 'runBatch(api, …, { signal: aborted })');
    check(got === reason, `runBatch rejected with ${describeEntry({ status: 'rejected', reason: got })}; expected the signal's reason`);
    check(at === 0 && api.calls.length === 0, `runBatch rejected at t=${at} ms after ${api.calls.length} call(s); expected t=0 ms and no call`);
  });
});

describe('runBatch — onProgress', () => {
  it('reports (done, total) each time a prompt settles, counting prompts, not attempts, and ends at (n, n)', points(2), async () => {
    const latency: Record<string, number> = { a: 2500, b: 400, c: 1200, d: 300, e: 800, f: 1700 };
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }, { attempt }): LlmStep => {
        if (prompt === 'b' && attempt === 1) return { error: new ApiError(503), latencyMs: 400 };
        if (prompt === 'd') return { error: new ApiError(400), latencyMs: 300 };
        if (prompt === 'e' && attempt === 1) return { hang: true };
        return { latencyMs: latency[prompt] };
      },
    });
    const progress: ProgressLog = [];
    const prompts = ['a', 'b', 'c', 'd', 'e', 'f'];
    const options = {
      concurrency: 2, requestsPerMinute: 100, tokensPerMinute: 10_000, attemptTimeoutMs: 2000, maxRetries: 2,
      onProgress: (done: number, total: number) => progress.push([clock.now(), done, total]),
    };
    await clock.resolves(runBatch(api, prompts, options), 'runBatch(api, 6 prompts, { onProgress })');

    expectProgressEnds(progress, 6);
    // A prompt settles when its last call ends (or times out); the k-th to settle is reported then.
    const settledAt = prompts
      .map((prompt) => api.callsFor(prompt).at(-1)!)
      .map((call) => call.end ?? call.start + options.attemptTimeoutMs)
      .sort((x, y) => x - y);
    for (const [k, expectedAt] of settledAt.entries()) {
      const reported = progress.find(([, done]) => done >= k + 1);
      check(
        reported?.[0] === expectedAt,
        `prompt number ${k + 1} to settle did so at t=${expectedAt} ms, but onProgress first reported ${k + 1} done ` +
          (reported ? `at t=${reported[0]} ms` : 'never') + ': call it as each prompt settles (its last attempt), not per attempt',
      );
    }
  });
});

describe('runBatch — a long batch', () => {
  it('200 prompts over more than ten minutes of API time: within both budgets and the concurrency, in input order, progress to (200, 200)', points(2), async () => {
    const promptOf = (i: number): string => `item ${i} ${'word '.repeat(i % 12)}`.trim();
    const prompts = Array.from({ length: 200 }, (_, i) => promptOf(i));
    const indexOf = new Map(prompts.map((prompt, i) => [prompt, i]));
    const api = new FakeLlm({
      now: clock.now,
      respond: ({ prompt }, { attempt }): LlmStep => {
        const i = indexOf.get(prompt)!;
        if (i % 25 === 7) return { error: new ApiError(400), latencyMs: 300 };
        if (i % 40 === 11) return { error: new ApiError(503), latencyMs: 600 };
        if (i % 10 === 3 && attempt === 1) return { error: new ApiError(429, { 'retry-after': '7' }), latencyMs: 200 };
        if (i % 15 === 5 && attempt === 1) return { hang: true };
        return { latencyMs: 300 + ((i * 37) % 1700) };
      },
    });
    const progress: ProgressLog = [];
    const options = {
      concurrency: 8, requestsPerMinute: 20, tokensPerMinute: 480, attemptTimeoutMs: 4000, maxRetries: 2,
      onProgress: (done: number, total: number) => progress.push([clock.now(), done, total]),
    };
    const { value, at } = await clock.resolves(runBatch(api, prompts, options), 'runBatch(api, 200 prompts, …)');

    expectWithinBudgets(api, options);
    expectPeakAtMost(api, 8);
    check(value.length === 200, `runBatch resolved with ${value.length} entries for 200 prompts`);
    for (const [i, prompt] of prompts.entries()) {
      const entry = value[i];
      const status = i % 25 === 7 ? 400 : i % 40 === 11 ? 503 : undefined;
      const ok =
        status === undefined
          ? entry?.status === 'fulfilled' && entry.value.text === `echo: ${prompt}`
          : entry?.status === 'rejected' && (entry.reason as ApiError).status === status;
      check(
        ok,
        `entry ${i} (prompt "${prompt}") is ${describeEntry(entry)}; expected ` +
          (status === undefined ? `fulfilled with "echo: ${prompt}"` : `rejected with the API's ${status} error`),
      );
    }
    const tooMany = prompts.find((prompt) => api.callsFor(prompt).length > 3);
    check(tooMany === undefined, `"${tooMany}" was sent ${api.callsFor(tooMany ?? '').length} times; maxRetries 2 allows 3 attempts`);
    expectProgressEnds(progress, 200);
    check(at > 10 * MINUTE, `the batch finished at t=${at} ms; at 20 requests per minute, 200 prompts and their retries take more than ten minutes`);
  });
});
