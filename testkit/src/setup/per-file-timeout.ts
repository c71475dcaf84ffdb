import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { currentTestFile, RUN_DIR_ENV, timeoutsPath } from '../protocol.ts';

/**
 * One vitest run grades every exercise, but each exercise may set its own real-time limit per test
 * (`timeoutMs` in its metadata). The grader writes the limits by file; this applies the one for the
 * file now starting (vi.setConfig lasts until the file ends).
 */
export function applyPerFileTimeout(): void {
  const runDir = process.env[RUN_DIR_ENV];
  const file = currentTestFile();
  if (!runDir || !file) return;
  let timeouts: Record<string, number>;
  try {
    timeouts = JSON.parse(readFileSync(timeoutsPath(runDir), 'utf8')) as Record<string, number>;
  } catch {
    return;
  }
  const testTimeout = timeouts[file];
  if (testTimeout) vi.setConfig({ testTimeout });
}
