import { getEventListeners } from 'node:events';
import { afterEach, beforeEach } from 'vitest';
import { TickworkFailure } from '../failures.ts';

/**
 * Fails a test that ends with abort listeners still attached to a signal that was never aborted:
 * each one keeps its closure (and whatever work it cancels) alive for as long as the signal lives —
 * for a long-lived parent signal, forever. Listeners added during the test are recorded by a thin
 * wrapper around AbortSignal's addEventListener; the check asks Node which of them are still attached.
 */
export function installAbortListenerCheck(): void {
  const added: Array<{ signal: AbortSignal; listener: unknown }> = [];
  let recording = false;
  const original = EventTarget.prototype.addEventListener;
  Object.defineProperty(AbortSignal.prototype, 'addEventListener', {
    configurable: true,
    writable: true,
    value: function addEventListener(this: AbortSignal, type: string, listener: unknown, options?: unknown) {
      if (recording && type === 'abort' && listener && this !== ownSignal) added.push({ signal: this, listener });
      return Reflect.apply(original, this, [type, listener, options]);
    },
  });
  // Vitest's own per-test signal (context.signal) carries vitest's listeners, not the learner's.
  let ownSignal: AbortSignal | undefined;
  beforeEach((context) => {
    added.length = 0;
    ownSignal = context.signal;
    recording = true;
  });
  afterEach(() => {
    recording = false;
    const left = added.filter(({ signal, listener }) => !signal.aborted && getEventListeners(signal, 'abort').includes(listener as never));
    added.length = 0;
    if (left.length === 0) return;
    const signals = new Set(left.map((l) => l.signal)).size;
    throw new TickworkFailure(
      'leaked-handles',
      `${left.length} abort listener${left.length === 1 ? ' was' : 's were'} still attached to ${signals === 1 ? 'a signal' : `${signals} signals`} ` +
        'that never aborted when the test ended. Remove your listener (removeEventListener) once the work it guards has settled.',
    );
  });
}
