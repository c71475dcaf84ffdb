/**
 * A mistake the user can fix (bad argument, malformed metadata, missing install). The CLI prints
 * its message on one line and exits 2 — no stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
