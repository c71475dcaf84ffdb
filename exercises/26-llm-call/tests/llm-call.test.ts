import { describe, expect, it } from 'vitest';
import { abortListenerCount, ApiError, check, FakeLlm, points, useVirtualClock } from '@tickwork/testkit';
import { callLlm } from '#impl';

const clock = useVirtualClock();

const request = { prompt: 'summarise the report' };

function describeReason(reason: unknown): string {
  if (reason instanceof ApiError) return `ApiError \`${reason.message}\``;
  if (reason instanceof Error) return `${reason.name} \`${reason.message}\``;
  return reason === undefined ? 'undefined' : String(reason);
}

/** "t=0 → 1000 ms error 503, t=1500 → … pending", for failure messages. */
function describeCalls(api: FakeLlm): string {
  if (api.calls.length === 0) return 'no call';
  return api.calls
    .map((call) => {
      const how = call.outcome === 'error' ? `error ${call.status ?? '(connection)'}` : call.outcome;
      return `attempt ${call.attempt}: t=${call.start} → ${call.end === undefined ? '…' : `${call.end} ms`} ${how}`;
    })
    .join('; ');
}

function expectStarts(api: FakeLlm, expected: number[], why: string): void {
  const starts = api.calls.map((call) => call.start);
  check(
    starts.join(',') === expected.join(','),
    `the attempts started at t=${starts.join(', ') || '(none)'} ms; expected t=${expected.join(', ')} ms (${why}). Calls: ${describeCalls(api)}`,
  );
}

function expectNoTimers(after: string): void {
  const timers = clock.pendingTimers();
  check(
    timers.length === 0,
    `after ${after}, ${timers.map((t) => `a ${t.kind} of ${t.delayMs} ms (due at t=${t.dueAt} ms)`).join(', ')} was still scheduled: clear the attempt's timer and the backoff's timer once they are no longer needed`,
  );
}

function expectNoListeners(signal: AbortSignal, after: string): void {
  const count = abortListenerCount(signal);
  check(count === 0, `${count} abort listener(s) were still attached to the caller's signal after ${after}: remove each one you add`);
}

describe('callLlm(api, request, { attemptTimeoutMs, maxRetries, signal })', () => {
  it('resolves with the answer of a first-try success, leaving no timer and no listener', points(2), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 1000 });
    const controller = new AbortController();
    const { value, at } = await clock.resolves(
      callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 2, signal: controller.signal }),
      'callLlm',
    );
    expect(value?.id, `callLlm resolved with ${JSON.stringify(value)}; expected the API's answer, unchanged`).toBe('call-0');
    expect(value.text).toBe('echo: summarise the report');
    expect(at, `callLlm resolved at t=${at} ms; the API answered at t=1000 ms`).toBe(1000);
    check(api.calls.length === 1, `a successful first attempt needs no retry, but ${api.calls.length} calls were made: ${describeCalls(api)}`);
    expectNoTimers('a success at t=1000 ms (the attempt timer of 5000 ms was not needed any more)');
    expectNoListeners(controller.signal, 'the call had succeeded');
  });

  it('aborts a hung attempt at attemptTimeoutMs and retries it', points(3), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 1000 }).script({ hang: true });
    const { value, at } = await clock.resolves(callLlm(api, request, { attemptTimeoutMs: 2000, maxRetries: 2 }), 'callLlm with a hung first attempt');
    const first = api.calls[0];
    check(first, 'callLlm never called api.complete');
    check(
      first.outcome === 'aborted' && first.end === 2000,
      `the hung attempt ${first.outcome === 'aborted' ? `was aborted at t=${first.end} ms` : `was still running at t=${clock.now()} ms`}; it should be aborted at t=2000 ms, when its ${2000} ms were up: pass a signal to api.complete and abort it, or the call runs on (and counts against your limits) forever`,
    );
    check(api.peakInFlight === 1, `${api.peakInFlight} calls were in flight at once: the retry started while the timed-out attempt was still running`);
    expectStarts(api, [0, 2500], 'the retry comes 500 ms after the timeout');
    expect(value?.id, 'callLlm should resolve with the answer of the second attempt').toBe('call-1');
    expect(at, `callLlm resolved at t=${at} ms; the retry started at t=2500 ms and answered 1000 ms later`).toBe(3500);
    expectNoTimers('the retried call had succeeded');
  });

  it('retries connection errors, 408, 409, 429 and 5xx', points(2), async () => {
    for (const status of [undefined, 408, 409, 429, 500, 502, 503, 529]) {
      const failure = new ApiError(status);
      const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script({ error: failure });
      const startedAt = clock.now();
      const result = await clock.settle(callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 1 }), `callLlm after ${describeReason(failure)}`);
      if (result.state === 'rejected' && result.reason !== failure) throw result.reason; // the learner's own error, as it is
      check(
        result.state === 'fulfilled',
        `callLlm rejected with ${describeReason(failure)} without retrying; ${status === undefined ? 'a connection error' : `status ${status}`} is worth a retry. Calls: ${describeCalls(api)}`,
      );
      check(
        result.settledAt === startedAt + 700,
        `after ${describeReason(failure)} at +100 ms, the retry should start at +600 ms and answer at +700 ms; callLlm resolved at +${(result.settledAt ?? 0) - startedAt} ms. Calls: ${describeCalls(api)}`,
      );
    }
  });

  it('backs off 500 ms, 1 s, 2 s, 4 s, 8 s and no more than 8 s', points(2), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100, respond: () => ({ error: new ApiError(undefined) }) });
    await clock.rejects(callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 6 }), 'callLlm against an API that never connects');
    expectStarts(
      api,
      [0, 600, 1700, 3800, 7900, 16000, 24100],
      'each attempt fails 100 ms after it starts; then the waits are 500, 1000, 2000, 4000, 8000 and again 8000 ms',
    );
  });

  it('after maxRetries retries, rejects with the last attempt’s error', async () => {
    const errors = [new ApiError(503), new ApiError(502), new ApiError(500)];
    const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script(...errors.map((error) => ({ error })));
    const { reason, at } = await clock.rejects(callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 2 }), 'callLlm with maxRetries 2');
    check(api.calls.length === 3, `maxRetries: 2 means the first call and two retries, 3 calls; there were ${api.calls.length}: ${describeCalls(api)}`);
    check(reason === errors[2], `callLlm rejected with ${describeReason(reason)}; expected the last attempt's error (ApiError \`500 Internal Server Error\`), unchanged`);
    expect(at, `callLlm rejected at t=${at} ms; the third attempt failed at t=1800 ms`).toBe(1800);
  });

  it('honours retry-after: waits the seconds the server asks for', points(2), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script(
      { error: new ApiError(429, { 'retry-after': '3' }) },
      { error: new ApiError(503, { 'retry-after': '1' }) },
    );
    const { at } = await clock.resolves(callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 3 }), 'callLlm after a 429 and a 503 with retry-after');
    expectStarts(api, [0, 3100, 4200], 'a 429 at t=100 ms says retry-after: 3, a 503 at t=3200 ms says retry-after: 1; the server’s wait replaces the backoff');
    expect(at, `callLlm resolved at t=${at} ms, expected t=4300 ms`).toBe(4300);
  });

  it('fails at once on any other 4xx', points(2), async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      const failure = new ApiError(status);
      const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script({ error: failure });
      const startedAt = clock.now();
      const { reason, at } = await clock.rejects(callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 3 }), `callLlm after a ${status}`);
      check(
        api.calls.length === 1,
        `a ${status} was retried (${describeCalls(api)}): the same request will fail the same way, so a 4xx other than 408, 409 and 429 is final`,
      );
      check(reason === failure, `after a ${status}, callLlm rejected with ${describeReason(reason)}; expected the API's error, unchanged`);
      check(at === startedAt + 100, `after a ${status} at +100 ms, callLlm rejected at +${at - startedAt} ms; it should reject at once`);
    }
    expectNoTimers('a 4xx');
  });

  it('an outside abort during an attempt rejects with signal.reason and aborts the attempt', points(2), async () => {
    const api = new FakeLlm({ now: clock.now }).script({ hang: true });
    const controller = new AbortController();
    const userCancelled = new Error('user cancelled');
    setTimeout(() => controller.abort(userCancelled), 300);
    const { reason, at } = await clock.rejects(
      callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 3, signal: controller.signal }),
      'callLlm cancelled at t=300 ms',
    );
    check(
      reason === userCancelled,
      `callLlm rejected with ${describeReason(reason)}; expected the caller's signal.reason (Error \`user cancelled\`), unchanged: this was not a timeout, and it must not be retried`,
    );
    expect(at, `callLlm rejected at t=${at} ms; the caller aborted at t=300 ms`).toBe(300);
    const call = api.calls[0];
    check(
      call?.outcome === 'aborted' && call.end === 300,
      `after the caller aborted at t=300 ms the API call was ${call?.outcome === 'aborted' ? `aborted only at t=${call.end} ms` : 'still running'}: the abort must reach the attempt in flight. Calls: ${describeCalls(api)}`,
    );
    await clock.advance(20_000);
    check(api.calls.length === 1, `callLlm made another call after the caller had aborted: ${describeCalls(api)}`);
    expectNoTimers('the outside abort');
    expectNoListeners(controller.signal, 'callLlm had rejected');
  });

  it('an outside abort during a backoff rejects at once and makes no further call', points(2), async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script({ error: new ApiError(503) });
    const controller = new AbortController();
    const userCancelled = new Error('user cancelled');
    setTimeout(() => controller.abort(userCancelled), 300); // the 503 came at t=100 ms; the retry is due at t=600 ms
    const { reason, at } = await clock.rejects(
      callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 3, signal: controller.signal }),
      'callLlm cancelled during its backoff',
    );
    check(reason === userCancelled, `callLlm rejected with ${describeReason(reason)}; expected the caller's signal.reason (Error \`user cancelled\`), unchanged`);
    expect(at, `callLlm rejected at t=${at} ms; the caller aborted at t=300 ms, in the middle of the 500 ms backoff`).toBe(300);
    expectNoTimers('an abort during the backoff');
    await clock.advance(20_000);
    check(api.calls.length === 1, `callLlm retried after the caller had aborted: ${describeCalls(api)}`);
    expectNoListeners(controller.signal, 'callLlm had rejected');
  });

  it('with a signal that has already aborted, rejects at once and leaves no call running', async () => {
    const api = new FakeLlm({ now: clock.now });
    const controller = new AbortController();
    const tooLate = new Error('too late');
    controller.abort(tooLate);
    const { reason, at } = await clock.rejects(
      callLlm(api, request, { attemptTimeoutMs: 5000, maxRetries: 3, signal: controller.signal }),
      'callLlm with an aborted signal',
    );
    check(reason === tooLate, `callLlm rejected with ${describeReason(reason)}; expected signal.reason itself (Error \`too late\`)`);
    expect(at, `callLlm rejected at t=${at} ms, expected at once (t=0 ms)`).toBe(0);
    check(api.inFlight === 0, `an API call was left running although the signal had aborted before callLlm started: ${describeCalls(api)}`);
  });

  it('when every attempt times out, rejects with a TimeoutError after the last one', async () => {
    const api = new FakeLlm({ now: clock.now, respond: () => ({ hang: true }) });
    const { reason, at } = await clock.rejects(callLlm(api, request, { attemptTimeoutMs: 1000, maxRetries: 1 }), 'callLlm against an API that hangs');
    check(
      reason instanceof Error && reason.name === 'TimeoutError',
      `callLlm rejected with ${describeReason(reason)}; when the last attempt times out, expected an error named TimeoutError`,
    );
    expect(at, `callLlm rejected at t=${at} ms; the attempts ran t=0–1000 and t=1500–2500 ms`).toBe(2500);
    check(
      api.inFlight === 0 && api.calls.length === 2,
      `expected two attempts, both aborted when their time was up; calls: ${describeCalls(api)}`,
    );
    expectNoTimers('the last timeout');
  });

  it('leaves no listener on the caller’s signal after several attempts', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 100 }).script({ error: new ApiError(503) }, { hang: true });
    const controller = new AbortController();
    await clock.resolves(
      callLlm(api, request, { attemptTimeoutMs: 1000, maxRetries: 3, signal: controller.signal }),
      'callLlm succeeding on its third attempt',
    );
    expectStarts(api, [0, 600, 2600], 'a 503 at t=100 ms, 500 ms of backoff, a hang aborted at t=1600 ms, 1000 ms of backoff');
    expectNoListeners(controller.signal, 'three attempts and a success');
  });
});
