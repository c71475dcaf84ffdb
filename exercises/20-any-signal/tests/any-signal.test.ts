import { describe, expect, it } from 'vitest';
import { abortListenerCount, check, fail, isNotImplemented, points, recordTimeline, useVirtualClock } from '@tickwork/testkit';
import { anySignal } from '#impl';

const clock = useVirtualClock();

/** "Error `deadline`", "the string \"shutdown\"", for failure messages. */
function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name} \`${reason.message}\``;
  if (reason === undefined) return 'undefined';
  return typeof reason === 'string' ? `the string "${reason}"` : String(reason);
}

/** Fails unless the combined signal carries exactly `expected` (the same value, not a copy). */
function expectReason(combined: AbortSignal, expected: unknown, what: string): void {
  if (combined.reason === expected) return;
  if (describeReason(combined.reason) === describeReason(expected)) {
    fail(
      `the combined signal's reason was a new ${describeReason(combined.reason)}, not the very object of ${what}: controller.abort() without an argument makes a fresh AbortError; pass the input's signal.reason on`,
    );
  }
  fail(
    `the combined signal's reason was ${describeReason(combined.reason)}; expected ${describeReason(expected)}, the reason of ${what}, passed on as it is (controller.abort(input.reason))`,
  );
}

function listenersLeft(signals: Record<string, AbortSignal>): string {
  return Object.entries(signals)
    .filter(([, signal]) => abortListenerCount(signal) > 0)
    .map(([name, signal]) => `${abortListenerCount(signal)} on ${name}`)
    .join(', ');
}

/** Calls anySignal, turning a crash on a nullish entry into a sentence (a stub's TODO goes through). */
function combineOrExplain(signals: Array<AbortSignal | undefined | null>, call: string): ReturnType<typeof anySignal> {
  try {
    return anySignal(signals);
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    fail(`${call} threw ${describeReason(error)}: an optional signal the caller did not pass arrives as undefined or null, so skip those entries`);
  }
}

describe('anySignal(signals)', () => {
  it('aborts at the moment the first input aborts, with its reason, and only once', points(2), async () => {
    const user = new AbortController();
    const deadline = new AbortController();
    const combined = anySignal([user.signal, deadline.signal]);
    const timeline = recordTimeline(clock.now);
    combined.addEventListener('abort', () => timeline.log('combined aborted'));
    const deadlineReason = new Error('deadline');
    setTimeout(() => deadline.abort(deadlineReason), 300);
    setTimeout(() => user.abort(new Error('user cancelled')), 500);

    await clock.advance(299);
    check(!combined.aborted, 'the combined signal aborted before any of its inputs did');
    await clock.advance(1);
    check(combined.aborted, 'the second input aborted at t=300 ms, but the combined signal had not aborted at t=300 ms');
    expectReason(combined, deadlineReason, 'the second input, the first to abort');
    await clock.advance(200);
    expectReason(combined, deadlineReason, 'the first input to abort (a later abort of another input must not replace it)');
    timeline.expectExactly(['combined aborted'], "the combined signal's abort event should fire once, when the first input aborts");
    timeline.expectAt('combined aborted', 300);
  });

  it('is already aborted when an input had aborted before the call', points(2), () => {
    const live = new AbortController();
    const gone = new AbortController();
    const reason = new Error('shut down before we started');
    gone.abort(reason);
    const combined = anySignal([live.signal, gone.signal]);
    check(
      combined.aborted,
      'anySignal([live, already aborted]) returned a signal that had not aborted: an abort that happened before the call fires no event, so check `signal.aborted` on each input',
    );
    expectReason(combined, reason, 'the input that had already aborted');
    const left = abortListenerCount(live.signal);
    check(left === 0, `${left} abort listener(s) were left on the live input although the combined signal was already aborted and can never abort again`);
  });

  it('skips undefined and null entries', async () => {
    const request = new AbortController();
    const combined = combineOrExplain([undefined, request.signal, null], 'anySignal([undefined, signal, null])');
    check(!combined.aborted, 'anySignal([undefined, signal, null]) was aborted although no input had aborted');
    const reason = new Error('request cancelled');
    request.abort(reason);
    check(combined.aborted, 'anySignal([undefined, signal, null]) did not abort when its one real input aborted');
    expectReason(combined, reason, 'the real input');

    const none = combineOrExplain([null, undefined], 'anySignal([null, undefined])');
    check(!none.aborted, 'anySignal([null, undefined]) was aborted; with no real input it should never abort');
    none.clear();
    const empty = anySignal([]);
    check(!empty.aborted, 'anySignal([]) was aborted; with no input it should never abort');
    empty.clear();
  });

  it('clear() removes its own listeners from every input, and no others', points(2), () => {
    const first = new AbortController();
    const second = new AbortController();
    const theirs = (): void => {};
    first.signal.addEventListener('abort', theirs);
    const combined = anySignal([first.signal, second.signal]);
    check(typeof combined.clear === 'function', 'the signal anySignal returned has no clear() method');
    combined.clear();

    const onFirst = abortListenerCount(first.signal);
    check(onFirst !== 0, "after clear() the first input had no abort listener at all: clear() removed a listener that someone else had added");
    const left = listenersLeft({ 'the first input': first.signal, 'the second input': second.signal });
    check(
      onFirst === 1 && left === '1 on the first input',
      `after clear() anySignal's listeners were still on its inputs (${left}; the first input should keep only the one listener the test put there): remove each one you added`,
    );
    first.abort(new Error('too late'));
    check(!combined.aborted, 'after clear() an input that aborted still aborted the combined signal: clear() should detach it from its inputs');
    first.signal.removeEventListener('abort', theirs);
  });

  it('removes its listeners from the other inputs once it has aborted, without clear()', points(2), () => {
    const first = new AbortController();
    const second = new AbortController();
    const third = new AbortController();
    const combined = anySignal([first.signal, second.signal, third.signal]);
    second.abort(new Error('second gave up'));
    check(combined.aborted, 'the combined signal did not abort when its second input aborted');
    const left = listenersLeft({ 'the first input': first.signal, 'the third input': third.signal });
    check(
      left === '',
      `after the combined signal had aborted, its listeners were still on the inputs that had not (${left}): it can never abort again, so remove them when it aborts`,
    );
  });

  it('a thousand cleared derivations of one long-lived signal leave no listener on it', points(2), () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 1000; i++) {
      const request = new AbortController();
      const combined = anySignal([shutdown.signal, request.signal]);
      // Every other request is cancelled by its caller before the work finishes.
      if (i % 2 === 0) request.abort(new Error(`request ${i} cancelled`));
      combined.clear();
    }
    const left = abortListenerCount(shutdown.signal);
    check(
      left === 0,
      `${left} abort listeners piled up on the long-lived signal after 1000 requests had each combined it with their own signal and called clear(): every one is a closure kept alive for as long as that signal lives`,
    );
    const last = anySignal([shutdown.signal]);
    shutdown.abort(new Error('server shutting down'));
    check(last.aborted, 'after 1000 cleared derivations a new combined signal no longer followed the long-lived signal');
  });

  it('forwards the reason itself, also the AbortError of abort() without one', () => {
    const plain = new AbortController();
    const combined = anySignal([plain.signal]);
    plain.abort();
    check(combined.aborted, 'the combined signal did not abort when its input aborted');
    expectReason(combined, plain.signal.reason, 'the input, which was aborted with abort() and no argument');

    const named = new AbortController();
    const other = anySignal([named.signal]);
    named.abort('shutdown');
    expect(other.reason, `the combined signal's reason was ${describeReason(other.reason)}; a reason need not be an Error: forward the string "shutdown" as it is`).toBe('shutdown');
  });
});
