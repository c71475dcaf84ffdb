/**
 * Failure kinds shared by the testkit (which raises them) and the grader (which reports them).
 * A test that fails with a plain assertion has no kind: the learner reads its message.
 * A kind names a way of failing that is about the code's behaviour as a whole —
 * it blocked the loop, it never settled, it left timers behind — so the scorecard can say so.
 */
export const FAILURE_KINDS = [
  'blocked-event-loop',
  'never-settled',
  'runaway-timers',
  'leaked-handles',
  'unhandled-rejection',
  'not-implemented',
  'crash',
  'compile-error',
  'out-of-time',
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Carries its kind in the message prefix too, because that survives any error serialisation. */
export class TickworkFailure extends Error {
  override name = 'TickworkFailure';
  readonly kind: FailureKind;

  constructor(kind: FailureKind, message: string) {
    super(`[${kind}] ${message}`);
    this.kind = kind;
  }
}

const KIND_PREFIX = /^\[([a-z-]+)\] /;

/** Reads the kind back from a message written by TickworkFailure (after serialisation). */
export function kindOfMessage(message: string): FailureKind | undefined {
  const match = KIND_PREFIX.exec(message);
  const kind = match?.[1];
  return (FAILURE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as FailureKind) : undefined;
}

export function stripKind(message: string): string {
  return message.replace(KIND_PREFIX, '');
}

/** An assertion failure with a message meant for the learner; no diff, no matcher jargon. */
export class LearnerAssertion extends Error {
  override name = 'AssertionError';
}

export function fail(message: string): never {
  throw new LearnerAssertion(message);
}

/** `fail(message)` unless `condition` holds: a plain check whose message is all the learner reads. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** The error every stub body throws; tests let it through so the scorecard can say "not started". */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('TODO: implement');
}
