import { realTimers, TickworkFailure } from '@tickwork/testkit';
import { realSleep } from './board.ts';

// Both checks fail with the named kind leaked-handles, so the scorecard says what kind of mistake it is.
const leaked = (message: string): never => {
  throw new TickworkFailure('leaked-handles', message);
};

/** How long the workers may take to go away after close() resolved: a terminate() in flight is fine. */
const EXIT_GRACE_MS = 5000;
/** A heartbeat of 5 ms per live thread that has not moved for this long means those threads have ended. */
const QUIET_MS = 300;

/**
 * Waits (real time) until the heartbeat that the gated tasks started in their workers stops moving,
 * and fails if it is still beating EXIT_GRACE_MS after close() resolved: a worker was left running.
 */
export async function expectWorkersEnded(beats: Int32Array): Promise<void> {
  const start = realTimers.now();
  let last = Atomics.load(beats, 0);
  let quietSince = start;
  for (;;) {
    await realSleep(25);
    const now = realTimers.now();
    const current = Atomics.load(beats, 0);
    if (current !== last) {
      last = current;
      quietSince = now;
    } else if (now - quietSince >= QUIET_MS) {
      return;
    }
    if (now - start > EXIT_GRACE_MS) {
      leaked(
        `a worker thread of the pool was still running ${Math.round(now - start)} ms after close() resolved. ` +
          'close() must end every worker (worker.terminate()) before it resolves: an idle worker waiting for ' +
          'messages never stops by itself, and unless unref()ed it keeps the process from exiting.',
      );
    }
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
 * Takes a snapshot of the process's active handles (`process.getActiveResourcesInfo()`); the check
 * it returns fails if, after a grace period, handles that were not there before are still open.
 */
export function snapshotActiveResources(): () => Promise<void> {
  const before = countByType(process.getActiveResourcesInfo());
  return async () => {
    const start = realTimers.now();
    let extra = extraResources(before);
    while (extra.length > 0 && realTimers.now() - start < EXIT_GRACE_MS) {
      await realSleep(25);
      extra = extraResources(before);
    }
    if (extra.length > 0) {
      leaked(
        `${Math.round(realTimers.now() - start)} ms after close() resolved, the main thread still holds ` +
          `${extra.join(', ')} that it did not hold before the pool was created (process.getActiveResourcesInfo()). ` +
          'close() must leave nothing behind: close your ports, clear your timers.',
      );
    }
  };
}
