import { realTimers, TickworkFailure } from '@tickwork/testkit';

// Both checks fail with the named kind leaked-handles, so the scorecard says what kind of mistake it is.
const leaked = (message: string): never => {
  throw new TickworkFailure('leaked-handles', message);
};

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => realTimers.setTimeout(resolve, ms));

/** How long a worker may take to go away after the promise settled: a terminate() in flight is fine. */
const EXIT_GRACE_MS = 5000;
/** A live worker's 5 ms heartbeat that has not moved for this long means its thread has ended. */
const QUIET_MS = 300;

/**
 * Waits (real time) until the heartbeat started by `startHeartbeat` stops moving, and fails if it is
 * still beating EXIT_GRACE_MS after the promise settled: the worker thread was left running.
 */
export async function expectThreadEnded(beats: SharedArrayBuffer, settled: string): Promise<void> {
  const counter = new Int32Array(beats);
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
    if (now - start > EXIT_GRACE_MS) {
      leaked(
        `the worker thread that ran fn was still running ${Math.round(now - start)} ms after runInWorker ${settled}. ` +
          'Each call must end its worker (worker.terminate(), or let it exit on its own): a thread left behind ' +
          'holds memory and, unless unref()ed, keeps the process from exiting.',
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
export function snapshotActiveResources(): (settled: string) => Promise<void> {
  const before = countByType(process.getActiveResourcesInfo());
  return async (settled) => {
    const start = realTimers.now();
    let extra = extraResources(before);
    while (extra.length > 0 && realTimers.now() - start < EXIT_GRACE_MS) {
      await realSleep(25);
      extra = extraResources(before);
    }
    if (extra.length > 0) {
      leaked(
        `${Math.round(realTimers.now() - start)} ms after runInWorker ${settled}, the main thread still holds ` +
          `${extra.join(', ')} that it did not hold before the call (process.getActiveResourcesInfo()). ` +
          'Remove your listeners, close your ports and clear your timers once the result is in.',
      );
    }
  };
}
