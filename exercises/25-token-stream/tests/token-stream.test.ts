import { describe, expect, it } from 'vitest';
import {
  abortListenerCount,
  ApiError,
  check,
  FakeLlm,
  fail,
  isNotImplemented,
  points,
  useVirtualClock,
  type CallRecord,
  type LlmRequest,
} from '@tickwork/testkit';
import { streamTokens } from '#impl';

const clock = useVirtualClock();

/**
 * A FakeLlm whose stream() is an async generator, as the official SDKs' streams and fetch's body
 * iterator are: its return() waits behind a next() still in progress, so only the signal can
 * interrupt a wait for a token. (FakeLlm's own iterator would end the call on return() at any time.)
 */
class SdkLikeLlm extends FakeLlm {
  override stream(request: LlmRequest, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<string> {
    const body = super.stream(request, options);
    return (async function* () {
      yield* body;
    })();
  }
}

type TokenLog = Array<[number, string]>;

/** Reads the whole stream as a caller would, noting the virtual time each token reached the loop. */
async function readAll(tokens: AsyncIterable<string>, log: TokenLog, msPerToken = 0): Promise<void> {
  for await (const token of tokens) {
    log.push([clock.now(), token]);
    if (msPerToken > 0) await new Promise((resolve) => setTimeout(resolve, msPerToken));
  }
}

function formatLog(log: TokenLog): string {
  return log.length === 0 ? 'no token' : log.map(([at, token]) => `${JSON.stringify(token)} at t=${at} ms`).join(', ');
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name} \`${reason.message}\``;
  return reason === undefined ? 'undefined' : String(reason);
}

function describeTimers(): string {
  return clock
    .pendingTimers()
    .map((t) => `a ${t.kind} of ${t.delayMs} ms (due at t=${t.dueAt} ms)`)
    .join(', ');
}

function expectNoTimers(after: string): void {
  check(
    clock.pendingTimers().length === 0,
    `after ${after}, ${describeTimers()} was still scheduled: clear the idle timer whenever the stream ends, however it ends`,
  );
}

function expectAbortedAt(call: CallRecord | undefined, at: number, why: string): void {
  check(call, 'streamTokens never called api.stream(request, …)');
  check(
    call.outcome === 'aborted',
    `${why}, but the API call was still ${call.outcome === 'pending' ? 'running' : `"${call.outcome}"`} at t=${clock.now()} ms: abort the request (through the signal you pass to api.stream) so the model stops generating tokens nobody reads`,
  );
  check(call.end === at, `the API call was aborted at t=${call.end} ms; expected t=${at} ms, the moment the stream ended`);
}

/** Runs the clock until `reading` ends; fails with a learner-facing `explanation` if it rejects. */
async function expectCompletes(reading: Promise<void>, label: string, explanation: string): Promise<number> {
  const result = await clock.settle(reading, label);
  if (result.state === 'rejected') {
    if (isNotImplemented(result.reason)) throw result.reason;
    fail(`${label} rejected at t=${result.settledAt} ms with ${describeReason(result.reason)}; ${explanation}`);
  }
  return result.settledAt ?? clock.now();
}

describe('streamTokens(api, request, { signal, idleTimeoutMs })', () => {
  it('yields each token the moment the API sends it', points(2), async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 300, tokenGapMs: 100 }).script({ text: 'Paris is the capital' });
    const log: TokenLog = [];
    await clock.resolves(readAll(streamTokens(api, { prompt: 'capital of France?' }, { idleTimeoutMs: 1000 }), log), 'reading streamTokens');
    const text = log.map(([, token]) => token).join('');
    expect(text, `the tokens joined read ${JSON.stringify(text)}; yield each token as the API sends it, unchanged`).toBe('Paris is the capital');
    expect(
      formatLog(log),
      'each token must reach the loop when the API sends it (every 100 ms from t=300 ms); holding tokens back until the answer is complete defeats streaming',
    ).toBe('"Paris" at t=300 ms, " is" at t=400 ms, " the" at t=500 ms, " capital" at t=600 ms');
  });

  it('ends with the answer, leaving no timer and no listener', async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200, tokenGapMs: 100 }).script({ text: 'a b c' });
    const controller = new AbortController();
    const reading = readAll(streamTokens(api, { prompt: 'p' }, { signal: controller.signal, idleTimeoutMs: 500 }), []);
    const { at } = await clock.resolves(reading, 'reading streamTokens');
    expect(at, `the loop ended at t=${at} ms; the last token came at t=400 ms and the stream should end then`).toBe(400);
    check(api.calls[0]?.outcome === 'ok', `the API call ended as "${api.calls[0]?.outcome}", expected "ok"`);
    expectNoTimers('the stream had ended');
    const listeners = abortListenerCount(controller.signal);
    check(listeners === 0, `${listeners} abort listener(s) were still attached to the caller's signal after the stream had ended: remove yours`);
  });

  it('break aborts the request and leaves no timer', points(2), async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 100, tokenGapMs: 100 }).script({ text: 'one two three four five six' });
    const controller = new AbortController();
    const log: TokenLog = [];
    const readTwo = async (): Promise<void> => {
      for await (const token of streamTokens(api, { prompt: 'p' }, { signal: controller.signal, idleTimeoutMs: 500 })) {
        log.push([clock.now(), token]);
        if (log.length === 2) break;
      }
    };
    const { at } = await clock.resolves(readTwo(), 'a loop that breaks after two tokens');
    expect(formatLog(log), 'the first two tokens should reach the loop at t=100 ms and t=200 ms').toBe('"one" at t=100 ms, " two" at t=200 ms');
    expect(at, `the loop ended at t=${at} ms; break came at t=200 ms`).toBe(200);
    expectAbortedAt(api.calls[0], 200, 'the loop broke out after two tokens at t=200 ms');
    expectNoTimers('the loop broke out at t=200 ms');
    const listeners = abortListenerCount(controller.signal);
    check(listeners === 0, `${listeners} abort listener(s) were still attached to the caller's signal after the loop broke out`);
  });

  it('restarts the idle timer with every token', points(2), async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200, tokenGapMs: 200 }).script({ text: 'a b c d e f' });
    const log: TokenLog = [];
    const at = await expectCompletes(
      readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 300 }), log),
      'streamTokens with idleTimeoutMs 300',
      'a token came every 200 ms, always within the 300 ms limit, so the stream should run to its end at t=1200 ms: the limit is for the wait for each token, not for the whole answer',
    );
    expect(log.length, `the loop got ${log.length} tokens, expected all 6`).toBe(6);
    expect(at, `the loop ended at t=${at} ms, expected t=1200 ms`).toBe(1200);
  });

  it('throws a TimeoutError when a token takes longer than idleTimeoutMs', points(2), async () => {
    // Tokens at t=200 and t=300 ms, then the API stalls: the wait that began at t=300 ms times out at t=550 ms.
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200, tokenGapMs: 100 }).script({ text: 'a b c d', stallAfterTokens: 2 });
    const log: TokenLog = [];
    const { reason, at } = await clock.rejects(
      readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 250 }), log),
      'streamTokens on a stream that stalls after two tokens',
    );
    expect(formatLog(log), 'the two tokens sent before the stall should reach the loop first').toBe('"a" at t=200 ms, " b" at t=300 ms');
    check(
      reason instanceof Error && reason.name === 'TimeoutError',
      `the stream failed with ${describeReason(reason)}; expected an error named TimeoutError (such as new DOMException(message, 'TimeoutError'))`,
    );
    expect(at, `the TimeoutError came at t=${at} ms; the last token came at t=300 ms, so 250 ms later is t=550 ms`).toBe(550);
    expectNoTimers('the idle timeout');
  });

  it('the idle timeout aborts the request', points(2), async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200, tokenGapMs: 100 }).script({ text: 'a b c d', stallAfterTokens: 2 });
    await clock.rejects(readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 250 }), []), 'streamTokens on a stalled stream');
    // Calling return() on the API's iterator is not enough: it waits behind the next() that is stuck.
    expectAbortedAt(api.calls[0], 550, 'the idle timeout fired at t=550 ms');
  });

  it('the wait for the first token counts too', async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 1000 });
    const { reason, at } = await clock.rejects(
      readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 300 }), []),
      'streamTokens whose first token comes after 1000 ms',
    );
    check(reason instanceof Error && reason.name === 'TimeoutError', `the stream failed with ${describeReason(reason)}; expected a TimeoutError`);
    expect(at, `the TimeoutError came at t=${at} ms; with no token in the first 300 ms it should come at t=300 ms`).toBe(300);
    expectAbortedAt(api.calls[0], 300, 'no token came within 300 ms');
  });

  it('time the loop spends on a token does not count against idleTimeoutMs', async () => {
    // The API sends a token every 100 ms until t=600 ms; the caller takes 400 ms per token, longer than
    // the 300 ms limit, yet the next token is always there when it asks.
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 100, tokenGapMs: 100 }).script({ text: 'a b c d e f' });
    const log: TokenLog = [];
    const at = await expectCompletes(
      readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 300 }), log, 400),
      'a slow loop over streamTokens',
      'the API sent a token every 100 ms and the loop spent 400 ms on each: the idle timer must run only while streamTokens waits for the API, not while the caller works on a token',
    );
    expect(formatLog(log), 'a slow caller gets each token as soon as it asks').toBe(
      '"a" at t=100 ms, " b" at t=500 ms, " c" at t=900 ms, " d" at t=1300 ms, " e" at t=1700 ms, " f" at t=2100 ms',
    );
    expect(at, `the loop ended at t=${at} ms, expected t=2500 ms`).toBe(2500);
  });

  it('an outside abort rejects the pending next() with signal.reason and aborts the request', points(2), async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200, tokenGapMs: 100 }).script({ text: 'a b c d e f' });
    const controller = new AbortController();
    const userLeft = new Error('user left');
    setTimeout(() => controller.abort(userLeft), 350);
    const log: TokenLog = [];
    const { reason, at } = await clock.rejects(
      readAll(streamTokens(api, { prompt: 'p' }, { signal: controller.signal, idleTimeoutMs: 1000 }), log),
      'streamTokens aborted at t=350 ms',
    );
    expect(formatLog(log), 'the tokens sent before the abort should reach the loop').toBe('"a" at t=200 ms, " b" at t=300 ms');
    check(reason === userLeft, `the stream failed with ${describeReason(reason)}; expected signal.reason itself (Error \`user left\`), unchanged`);
    expect(at, `the stream failed at t=${at} ms; the signal aborted at t=350 ms and the waiting next() should reject then`).toBe(350);
    expectAbortedAt(api.calls[0], 350, 'the caller aborted at t=350 ms');
    expectNoTimers('the outside abort');
    const listeners = abortListenerCount(controller.signal);
    check(listeners === 0, `${listeners} abort listener(s) were still attached to the caller's signal after the stream had failed`);
  });

  it('with a signal that has already aborted, the first next() rejects with its reason', async () => {
    const api = new SdkLikeLlm({ now: clock.now });
    const controller = new AbortController();
    const tooLate = new Error('too late');
    controller.abort(tooLate);
    const { reason, at } = await clock.rejects(
      readAll(streamTokens(api, { prompt: 'p' }, { signal: controller.signal, idleTimeoutMs: 1000 }), []),
      'streamTokens with an aborted signal',
    );
    check(reason === tooLate, `the stream failed with ${describeReason(reason)}; expected signal.reason itself (Error \`too late\`)`);
    expect(at, `the stream failed at t=${at} ms, expected at once (t=0 ms)`).toBe(0);
    check(api.inFlight === 0, 'an API call was left running although the signal had aborted before the stream started');
  });

  it('an API error comes through as it is', async () => {
    const overloaded = new ApiError(529);
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 200 }).script({ error: overloaded });
    const { reason, at } = await clock.rejects(readAll(streamTokens(api, { prompt: 'p' }, { idleTimeoutMs: 1000 }), []), 'streamTokens on a failing API');
    check(reason === overloaded, `the stream failed with ${describeReason(reason)}; expected the API's own error (ApiError \`529 Overloaded\`), unchanged`);
    expect(at, `the stream failed at t=${at} ms, expected t=200 ms when the API answered with the error`).toBe(200);
    expectNoTimers('the API error');
  });

  it('without idleTimeoutMs, waits as long as the API takes', async () => {
    const api = new SdkLikeLlm({ now: clock.now, latencyMs: 60_000, tokenGapMs: 100 }).script({ text: 'slow answer' });
    const log: TokenLog = [];
    await expectCompletes(
      readAll(streamTokens(api, { prompt: 'p' }), log),
      'streamTokens without idleTimeoutMs',
      'without idleTimeoutMs there is no limit on the wait',
    );
    expect(formatLog(log)).toBe('"slow" at t=60000 ms, " answer" at t=60100 ms');
  });
});
