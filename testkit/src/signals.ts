import { getEventListeners } from 'node:events';
import { TickworkFailure } from './failures.ts';

export function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Fails with kind leaked-handles when `signal` still carries abort listeners. */
export function expectNoAbortListeners(signal: AbortSignal, after: string): void {
  const count = abortListenerCount(signal);
  if (count > 0) {
    throw new TickworkFailure(
      'leaked-handles',
      `${count} abort listener${count === 1 ? ' was' : 's were'} still attached to the signal after ${after}. ` +
        'Remove your listener once the work settles (removeEventListener), or it keeps the work alive.',
    );
  }
}
