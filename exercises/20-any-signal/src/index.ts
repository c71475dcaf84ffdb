/**
 * Exercise 20 — anySignal: one AbortSignal from many.
 * Read README.md first. Replace the `throw` with your implementation; keep the signature.
 */

/** An AbortSignal with one extra method, as any-signal 4 returns it. */
export interface ClearableSignal extends AbortSignal {
  /**
   * Removes every abort listener `anySignal` added to its inputs, and only those. Afterwards the
   * inputs no longer affect this signal. Call it once the work the signal guards is done.
   */
  clear(): void;
}

/**
 * Combines `signals` into one signal that aborts as soon as any of them does, like any-signal 4.
 *
 * - Aborts at the moment the first input aborts, with that input's `reason` (the same value).
 * - If an input has already aborted, the result is aborted already when it is returned.
 * - `undefined` and `null` entries are skipped.
 * - Once the result has aborted, no listener of it is left on any input; `clear()` removes them
 *   before that, so that a long-lived input does not collect one listener per call.
 *
 * Build it from AbortController and addEventListener/removeEventListener, not from AbortSignal.any
 * (see README.md).
 */
export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  throw new Error('TODO: implement anySignal (see README.md)');
}
