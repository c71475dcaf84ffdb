/** What one grading run observed, before scoring: vitest's results plus the watchdog's verdicts. */

export interface RawError {
  name: string;
  message: string;
  stack?: string;
}

export interface RawTest {
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  points: number;
  /** Marked public with `points(n, { public: true })`; a test in a `*.public.test.ts` file is public whatever its meta. */
  public?: true;
  errors: RawError[];
  durationMs: number;
  /** What the code printed during this test (console.* and raw writes), capped. */
  output?: string;
}

export interface RawModule {
  file: string;
  /** Errors of the file itself: import failures, syntax errors, a worker that died. */
  errors: RawError[];
  tests: RawTest[];
  durationMs: number;
}

export interface WatchdogVerdict {
  file: string;
  /** The test that was running, or null when the file was being imported. */
  test: string | null;
  /** never-settled: the loop turned but the test outlived its timeout; deadline: the whole grade ran out of time. */
  kind: 'blocked-event-loop' | 'never-settled' | 'deadline';
  afterMs: number;
}

export interface RawRun {
  modules: RawModule[];
  verdicts: WatchdogVerdict[];
}
