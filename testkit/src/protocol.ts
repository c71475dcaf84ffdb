/**
 * The grader and the test workers talk through files in one run directory, because a worker whose
 * loop is blocked can still have written a file before it blocked — and cannot send anything after.
 * Everything both sides must agree on lives here.
 */
import { join } from 'node:path';

/** Set by the grader for the test workers; absent when tests run outside the grader. */
export const RUN_DIR_ENV = 'TICKWORK_RUN_DIR';

/** What a worker is doing right now, rewritten whenever that changes. */
export interface Heartbeat {
  pid: number;
  /** Absolute path of the test file in flight. */
  file: string;
  /** Full name of the test in flight; null while the file is being imported or between tests. */
  test: string | null;
  /** Epoch milliseconds (real time) at which this phase began. */
  since: number;
  /** Epoch milliseconds of the worker's last real turn of its event loop. */
  alive: number;
}

/** How often a worker proves its loop still turns. */
export const ALIVE_INTERVAL_MS = 250;

export const heartbeatPath = (runDir: string, pid: number): string => join(runDir, `heartbeat-${pid}.json`);
export const isHeartbeatFile = (name: string): boolean => /^heartbeat-\d+\.json$/.test(name);

/** Real-time limit per test file (from each exercise's `timeoutMs`), as `{ [file]: ms }`. */
export const timeoutsPath = (runDir: string): string => join(runDir, 'timeouts.json');

/** Tests the grader wants skipped on a re-run because they blocked the loop before. */
export const skipListPath = (runDir: string): string => join(runDir, 'skip.json');
export const skipKey = (file: string, test: string): string => `${file}::${test}`;

/**
 * The test file this worker is running, from vitest's worker state (an internal of vitest 4.1, pinned):
 * known while setup files run, before the test file itself is imported.
 */
export function currentTestFile(): string | undefined {
  return (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath;
}

/** The full name vitest reporters see: suite names and test name joined by ' > '. */
export function fullTestName(task: { name: string; suite?: { name: string; suite?: unknown } | undefined }): string {
  const names: string[] = [task.name];
  let suite = task.suite as { name: string; suite?: unknown } | undefined;
  while (suite && suite.name) {
    names.unshift(suite.name);
    suite = suite.suite as typeof suite;
  }
  return names.join(' > ');
}
