import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heartbeatPath, isHeartbeatFile, type Heartbeat } from '@tickwork/testkit/protocol';
import type { WatchdogVerdict } from './raw-results.ts';

export interface WatchdogOptions {
  runDir: string;
  /** Real ms a test in this file may run; vitest's own timeout fires first when the loop is free. */
  testBudgetMs: (file: string) => number;
  /** Real ms importing a file (and running its hooks) may take. */
  importBudgetMs: number;
  onVerdict: (verdict: WatchdogVerdict) => void;
}

/** Extra real time granted past a test's timeout before we decide its worker is blocked. */
export const BLOCKED_GRACE_MS = 2000;

/**
 * Watches the heartbeats the test workers write. A worker whose phase outlives its budget cannot be
 * waiting on anything (vitest's timeout would have fired): its loop is blocked. We SIGKILL it; vitest
 * reports the file as failed and carries on with the others.
 */
export function startWatchdog(options: WatchdogOptions): { stop(): void } {
  const check = (): void => {
    let names: string[];
    try {
      names = readdirSync(options.runDir).filter(isHeartbeatFile);
    } catch {
      return;
    }
    for (const name of names) {
      let beat: Heartbeat;
      try {
        beat = JSON.parse(readFileSync(join(options.runDir, name), 'utf8')) as Heartbeat;
      } catch {
        continue; // being rewritten right now
      }
      const budget = beat.test === null ? options.importBudgetMs : options.testBudgetMs(beat.file) + BLOCKED_GRACE_MS;
      const age = Date.now() - beat.since;
      if (age <= budget) continue;
      try {
        process.kill(beat.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(heartbeatPath(options.runDir, beat.pid), { force: true });
      options.onVerdict({ file: beat.file, test: beat.test, kind: 'blocked-event-loop', afterMs: age });
    }
  };
  const timer = setInterval(check, 200);
  return { stop: () => clearInterval(timer) };
}
