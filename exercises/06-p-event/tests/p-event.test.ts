import { EventEmitter, getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { check, points, useVirtualClock } from '@tickwork/testkit';
import { pEvent } from '#impl';

const clock = useVirtualClock();

/**
 * Real emitters already carry listeners of their own. Every emitter here starts with one listener per
 * name, so a cleanup that removes too much (removeAllListeners) shows up as well as one that removes
 * too little. The extra `error` listener also keeps EventEmitter from throwing on an unheard `error`.
 */
function emitterWithListeners(...names: string[]): EventEmitter {
  const emitter = new EventEmitter();
  for (const name of names) emitter.on(name, () => {});
  return emitter;
}

function targetWithListeners(...names: string[]): EventTarget {
  const target = new EventTarget();
  for (const name of names) target.addEventListener(name, () => {});
  return target;
}

/** getEventListeners reads both an EventEmitter and an EventTarget. */
function countListeners(target: EventEmitter | EventTarget, names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, getEventListeners(target, name).length]));
}

function expectListenersRestored(target: EventEmitter | EventTarget, before: Record<string, number>, after: string): void {
  for (const [name, count] of Object.entries(before)) {
    const now = getEventListeners(target, name).length;
    check(
      now <= count,
      `after ${after}, "${name}" still has ${now - count} listener(s) that pEvent added: remove every listener once the wait is over.`,
    );
    check(
      now >= count,
      `after ${after}, "${name}" has ${now} listener(s) but had ${count} before pEvent was called: remove only the listeners pEvent added itself, not the emitter's other ones.`,
    );
  }
}

function expectNoTimers(after: string): void {
  const left = clock.pendingTimers();
  check(
    left.length === 0,
    `after ${after}, ${left.length} timer(s) were still scheduled (the first due at t=${left[0]?.dueAt} ms): clear the timeout timer whichever way the wait ends.`,
  );
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

describe('pEvent(emitter, event)', () => {
  it('resolves with the first value emitted as the event, at the moment it is emitted', points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    setTimeout(() => emitter.emit('other', 'not this one'), 100);
    setTimeout(() => {
      emitter.emit('ready', 'first');
      emitter.emit('ready', 'second');
    }, 500);
    const { value, at } = await clock.resolves(pEvent<string>(emitter, 'ready'), "pEvent(emitter, 'ready')");
    expect(value, "pEvent(emitter, 'ready') resolved with the wrong value: the first `ready` emitted 'first', then 'second'").toBe('first');
    expect(at, `pEvent resolved at t=${at} ms; the \`ready\` event came at t=500 ms`).toBe(500);
  });

  it('listens from the moment it is called: an event emitted before anyone awaits is not missed', async () => {
    const emitter = emitterWithListeners('error');
    const waiting = pEvent<number>(emitter, 'ready');
    emitter.emit('ready', 42);
    const { value } = await clock.resolves(waiting, "pEvent(emitter, 'ready')");
    expect(value, 'pEvent missed the `ready` emitted right after the call: attach the listener when pEvent is called').toBe(42);
  });

  it('once resolved, removes its own listeners for the event and for `error`, and leaves the others in place', points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    setTimeout(() => emitter.emit('ready', 'go'), 100);
    await clock.resolves(pEvent(emitter, 'ready'), "pEvent(emitter, 'ready')");
    expectListenersRestored(emitter, before, 'pEvent resolved');
  });

  it('rejects with the error emitted as `error`, then removes its listeners', points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    const boom = new Error('disk full');
    setTimeout(() => emitter.emit('error', boom), 300);
    const { reason, at } = await clock.rejects(pEvent(emitter, 'ready'), "pEvent(emitter, 'ready')");
    expect(reason, `pEvent rejected with ${describeReason(reason)}; expected the Error emitted as \`error\``).toBe(boom);
    expect(at, `pEvent rejected at t=${at} ms; the \`error\` event came at t=300 ms`).toBe(300);
    expectListenersRestored(emitter, before, 'pEvent rejected');
  });

  it('works on an EventTarget too: resolves with the dispatched Event, an `error` Event rejects, listeners removed', points(2), async () => {
    const target = targetWithListeners('ping', 'error');
    const before = countListeners(target, ['ping', 'error']);
    const ping = new Event('ping');
    setTimeout(() => target.dispatchEvent(ping), 200);
    const resolved = await clock.resolves(pEvent<Event>(target, 'ping'), "pEvent(eventTarget, 'ping')");
    expect(resolved.value, 'pEvent(eventTarget, …) should resolve with the Event object that was dispatched').toBe(ping);
    expectListenersRestored(target, before, 'pEvent(eventTarget, …) resolved');

    const failure = new Event('error');
    setTimeout(() => target.dispatchEvent(failure), 200);
    const rejected = await clock.rejects(pEvent(target, 'ping'), "pEvent(eventTarget, 'ping')");
    expect(rejected.reason, 'an `error` Event on the EventTarget should reject pEvent with that Event').toBe(failure);
    expectListenersRestored(target, before, 'pEvent(eventTarget, …) rejected');
  });
});

describe('pEvent(emitter, event, options)', () => {
  it('filter: skips the values it turns down and resolves with the first one that passes', points(2), async () => {
    const emitter = emitterWithListeners('reading', 'error');
    const before = countListeners(emitter, ['reading', 'error']);
    [5, 12, 40, 70].forEach((value, index) => setTimeout(() => emitter.emit('reading', value), (index + 1) * 100));
    const { value, at } = await clock.resolves(
      pEvent<number>(emitter, 'reading', { filter: (celsius) => celsius > 30 }),
      "pEvent(emitter, 'reading', { filter: (celsius) => celsius > 30 })",
    );
    expect(value, 'with a filter, pEvent should resolve with the first value the filter accepts (40), not the first value').toBe(40);
    expect(at, `pEvent resolved at t=${at} ms; 40 was emitted at t=300 ms`).toBe(300);
    await clock.runAll(); // the test's own last emit, at t=400 ms
    expectListenersRestored(emitter, before, 'pEvent resolved');
  });

  it('rejectionEvents: an event in the list rejects with its value, and every listener is removed', async () => {
    const emitter = emitterWithListeners('ready', 'close', 'failed', 'error');
    const before = countListeners(emitter, ['ready', 'close', 'failed', 'error']);
    setTimeout(() => emitter.emit('failed', 'handshake refused'), 400);
    const { reason, at } = await clock.rejects(
      pEvent(emitter, 'ready', { rejectionEvents: ['close', 'failed'] }),
      "pEvent(emitter, 'ready', { rejectionEvents: ['close', 'failed'] })",
    );
    expect(reason, `pEvent rejected with ${describeReason(reason)}; expected the value emitted as \`failed\``).toBe('handshake refused');
    expect(at, `pEvent rejected at t=${at} ms; \`failed\` was emitted at t=400 ms`).toBe(400);
    expectListenersRestored(emitter, before, 'pEvent rejected');
  });

  it('timeout: rejects with a TimeoutError at exactly t=timeout, then removes its listeners', points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    const waiting = clock.watch(pEvent(emitter, 'ready', { timeout: 1000 }));
    await clock.advance(999);
    if (waiting.state === 'rejected' && !(waiting.reason instanceof Error && waiting.reason.name === 'TimeoutError')) throw waiting.reason;
    expect(waiting.state, `pEvent with { timeout: 1000 } had already settled at t=${waiting.settledAt} ms: it must wait the full 1000 ms`).toBe('pending');
    await clock.advance(1);
    expect(waiting.state, 'pEvent with { timeout: 1000 } should have rejected at t=1000 ms').toBe('rejected');
    const reason = waiting.reason;
    check(
      reason instanceof Error && reason.name === 'TimeoutError',
      `pEvent rejected with ${describeReason(reason)}; on timeout it should reject with a TimeoutError (an Error whose name is 'TimeoutError')`,
    );
    expectListenersRestored(emitter, before, 'pEvent timed out');
  });

  it('timeout: the timer is cleared as soon as the event arrives', async () => {
    const emitter = emitterWithListeners('error');
    setTimeout(() => emitter.emit('ready', 'in time'), 200);
    const { value } = await clock.resolves(pEvent(emitter, 'ready', { timeout: 1000 }), "pEvent(emitter, 'ready', { timeout: 1000 })");
    expect(value, 'pEvent should resolve with the value of the event that came before the timeout').toBe('in time');
    await clock.flush();
    expectNoTimers('pEvent resolved at t=200 ms');
  });

  it("signal: aborting rejects with the signal's reason and removes the listeners and the timer", points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    const controller = new AbortController();
    const userLeft = new Error('user left');
    setTimeout(() => controller.abort(userLeft), 300);
    const { reason, at } = await clock.rejects(
      pEvent(emitter, 'ready', { signal: controller.signal, timeout: 1000 }),
      "pEvent(emitter, 'ready', { signal, timeout: 1000 })",
    );
    expect(reason, `pEvent rejected with ${describeReason(reason)}; expected the reason passed to abort()`).toBe(userLeft);
    expect(at, `pEvent rejected at t=${at} ms; the signal aborted at t=300 ms`).toBe(300);
    expectListenersRestored(emitter, before, 'the signal aborted');
    await clock.flush();
    expectNoTimers('the signal aborted');
  });

  it('signal: an already aborted signal rejects at once with its reason and leaves no listener', async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    const tooLate = new Error('already cancelled');
    const { reason, at } = await clock.rejects(
      pEvent(emitter, 'ready', { signal: AbortSignal.abort(tooLate) }),
      "pEvent(emitter, 'ready', { signal: AbortSignal.abort(reason) })",
    );
    expect(reason, `pEvent rejected with ${describeReason(reason)}; expected the aborted signal's reason`).toBe(tooLate);
    expect(at, `pEvent rejected at t=${at} ms; with a signal that has already aborted it should reject at t=0 ms`).toBe(0);
    expectListenersRestored(emitter, before, 'pEvent rejected');
  });

  it('cancel(): removes the listeners and the timer; later events neither resolve it nor time it out', points(2), async () => {
    const emitter = emitterWithListeners('ready', 'error');
    const before = countListeners(emitter, ['ready', 'error']);
    const waiting = pEvent(emitter, 'ready', { timeout: 1000 });
    const watched = clock.watch(waiting);
    await clock.advance(100);
    waiting.cancel();
    await clock.flush();
    expectListenersRestored(emitter, before, 'cancel()');
    expectNoTimers('cancel()');
    emitter.emit('ready', 'too late');
    await clock.advance(2000);
    check(
      watched.state !== 'fulfilled',
      `after cancel(), pEvent still resolved (with ${describeReason(watched.value)} at t=${watched.settledAt} ms): a cancelled wait must not take later events`,
    );
    const reason = watched.reason;
    check(
      !(reason instanceof Error && reason.name === 'TimeoutError'),
      `after cancel(), pEvent still timed out at t=${watched.settledAt} ms: cancel() must stop the timer too`,
    );
  });
});
