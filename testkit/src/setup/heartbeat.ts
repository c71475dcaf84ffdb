import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { ALIVE_INTERVAL_MS, currentTestFile, fullTestName, heartbeatPath, RUN_DIR_ENV, skipKey, skipListPath, type Heartbeat } from '../protocol.ts';
import { realTimers } from '../real-timers.ts';

// Captured before any test can install a virtual clock: heartbeats are in real time.
const realNow = Date.now.bind(Date);

/**
 * The interval of the file before, kept on the worker's global: a file that failed to load never ran
 * its afterAll, and its interval would go on writing a stale phase over this file's heartbeat.
 */
const ALIVE_TIMER = Symbol.for('tickwork.heartbeat.alive');
const holder = globalThis as { [ALIVE_TIMER]?: NodeJS.Timeout };

/**
 * Tells the grader's watchdog which file and test this worker is running, synchronously, so the
 * record survives a `while (true) {}` that follows; and, from a real interval, that the loop still
 * turns. Also skips tests that blocked the loop on an earlier round.
 */
export function installHeartbeat(): void {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return;
  const file = currentTestFile() ?? '';
  const path = heartbeatPath(runDir, process.pid);
  let phase: { test: string | null; since: number } = { test: null, since: realNow() };
  const write = (): void => {
    const beat: Heartbeat = { pid: process.pid, file, ...phase, alive: realNow() };
    writeFileSync(path, JSON.stringify(beat));
  };
  const enter = (test: string | null): void => {
    phase = { test, since: realNow() };
    write();
  };
  let skip: Set<string>;
  try {
    skip = new Set(JSON.parse(readFileSync(skipListPath(runDir), 'utf8')) as string[]);
  } catch {
    skip = new Set();
  }
  // Written while the setup file runs, that is before the test file (and the learner's module) is imported.
  enter(null);
  if (holder[ALIVE_TIMER]) realTimers.clearInterval(holder[ALIVE_TIMER]);
  const alive = realTimers.setInterval(write, ALIVE_INTERVAL_MS);
  alive.unref();
  holder[ALIVE_TIMER] = alive;
  beforeEach((context) => {
    const test = fullTestName(context.task);
    if (skip.has(skipKey(file, test))) context.skip('blocked the event loop on an earlier round');
    enter(test);
  });
  afterEach(() => enter(null));
  // An idle worker between files must not look like a blocked one.
  afterAll(() => {
    realTimers.clearInterval(alive);
    rmSync(path, { force: true });
  });
}
