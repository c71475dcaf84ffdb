import { TickworkFailure } from './failures.ts';
import { realTimers } from './real-timers.ts';

/**
 * Real-time leak checks for exercises that start worker threads (16, 17). Both fail with the kind
 * leaked-handles, so the scorecard names the kind of mistake; the caller words the message.
 */

/** How long a worker may take to go away after the work settled: a terminate() in flight is fine. */
const EXIT_GRACE_MS = 5000;
/** A live worker's 5 ms heartbeat that has not moved for this long means its thread has ended. */
const QUIET_MS = 300;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => realTimers.setTimeout(resolve, ms));

/**
 * Waits (real time) until a heartbeat counter that code in the worker threads increments stops moving,
 * and fails with `leftRunning(ms)` if it still moves EXIT_GRACE_MS later: a thread was left running.
 */
export async function expectHeartbeatStops(counter: Int32Array, leftRunning: (afterMs: number) => string): Promise<void> {
  const start = realTimers.now();
  let last = Atomics.load(counter, 0);
  let quietSince = start;
  for (;;) {
    await realSleep(25);
    const now = realTimers.now();
    const current = Atomics.load(counter, 0);
    if (current !== last) {
      last = current;
      quietSince = now;
    } else if (now - quietSince >= QUIET_MS) {
      return;
    }
    if (now - start > EXIT_GRACE_MS) throw new TickworkFailure('leaked-handles', leftRunning(Math.round(now - start)));
  }
}

function countByType(resources: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of resources) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function extraResources(before: Map<string, number>): string[] {
  const extra: string[] = [];
  for (const [type, count] of countByType(process.getActiveResourcesInfo())) {
    const more = count - (before.get(type) ?? 0);
    if (more > 0) extra.push(`${more} × ${type}`);
  }
  return extra;
}

/**
 * Takes a snapshot of the process's active handles (`process.getActiveResourcesInfo()`); the check it
 * returns fails with `stillHeld(handles, ms)` if, after a grace period, handles that were not there
 * before are still open. (A live Worker itself is not listed on Node 20: use a heartbeat for threads.)
 */
export function snapshotActiveResources(): (stillHeld: (handles: string, afterMs: number) => string) => Promise<void> {
  const before = countByType(process.getActiveResourcesInfo());
  return async (stillHeld) => {
    const start = realTimers.now();
    let extra = extraResources(before);
    while (extra.length > 0 && realTimers.now() - start < EXIT_GRACE_MS) {
      await realSleep(25);
      extra = extraResources(before);
    }
    if (extra.length > 0) throw new TickworkFailure('leaked-handles', stillHeld(extra.join(', '), Math.round(realTimers.now() - start)));
  };
}
