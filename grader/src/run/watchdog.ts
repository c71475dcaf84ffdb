import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heartbeatPath, isHeartbeatFile, type Heartbeat } from '@tickwork/testkit/protocol';
import type { WatchdogVerdict } from './raw-results.ts';

export interface WatchdogOptions {
  runDir: string;
  /** Real ms a test in this file may run; vitest's own timeout fires first when the loop is free. */
  testBudgetMs: (file: string) => number;
  onVerdict: (verdict: WatchdogVerdict) => void;
}

/**
 * A worker proves its loop turns every 250 ms. Three seconds of silence is far beyond any GC pause or
 * scheduling hiccup on a loaded machine, and far below the cost of waiting for vitest's test timeout.
 */
export const BLOCKED_AFTER_MS = 3000;
/** Extra real time past a test's timeout before a worker whose loop turns is stopped anyway. */
export const TIMEOUT_GRACE_MS = 3000;
const CHECK_EVERY_MS = 200;

function judge(beat: Heartbeat, now: number, testBudgetMs: number): WatchdogVerdict | undefined {
  const silentFor = now - beat.alive;
  if (silentFor > BLOCKED_AFTER_MS) return { file: beat.file, test: beat.test, kind: 'blocked-event-loop', afterMs: now - beat.since };
  // The loop turns but the test outlived its own timeout by far: vitest could not stop it (its timers
  // were replaced?). Stop it ourselves so the grade stays bounded.
  if (beat.test !== null && now - beat.since > testBudgetMs + TIMEOUT_GRACE_MS) {
    return { file: beat.file, test: beat.test, kind: 'never-settled', afterMs: now - beat.since };
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes every heartbeat: between rounds, none of them describes a running test any more. */
export function clearHeartbeats(runDir: string): void {
  for (const name of readdirSync(runDir).filter(isHeartbeatFile)) rmSync(join(runDir, name), { force: true });
}

/**
 * Watches the heartbeats the test workers write. A worker that stopped proving its loop turns is
 * blocked (a sync endless loop, an endless microtask chain): we SIGKILL it; vitest reports the file
 * as failed and carries on with the others, and the runner re-runs the file without that test.
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
      const verdict = judge(beat, Date.now(), options.testBudgetMs(beat.file));
      if (!verdict) continue;
      rmSync(heartbeatPath(options.runDir, beat.pid), { force: true });
      // A worker that exited on its own left a heartbeat behind (a file that failed to load never runs
      // its afterAll): silence from a dead process is not a blocked loop.
      if (!isRunning(beat.pid)) continue;
      process.kill(beat.pid, 'SIGKILL');
      options.onVerdict(verdict);
    }
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  return { stop: () => clearInterval(timer) };
}
