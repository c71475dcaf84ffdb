import { fail } from './failures.ts';
import { nextRealTurn, realTimers } from './real-timers.ts';

export interface ResponsivenessReport {
  /** Real milliseconds from the start of the work until it settled. */
  durationMs: number;
  /** How many times a 10 ms interval got a turn while the work ran. */
  ticks: number;
  /** The longest real stretch during the work in which the main loop got no turn. */
  longestStallMs: number;
}

/**
 * Runs `work` in real time while a 10 ms interval counts the turns the main loop gets.
 * A loop that is blocked shows one stall as long as the work; a free loop shows stalls of a few ms.
 */
export async function probeResponsiveness<T>(
  work: () => Promise<T> | T,
  intervalMs = 10,
): Promise<{ result: T; report: ResponsivenessReport }> {
  const tickTimes: number[] = [];
  const interval = realTimers.setInterval(() => tickTimes.push(realTimers.now()), intervalMs);
  await nextRealTurn();
  const start = realTimers.now();
  try {
    const result = await work();
    const end = realTimers.now();
    const during = tickTimes.filter((t) => t >= start && t <= end);
    const marks = [start, ...during, end];
    const longestStallMs = Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
    return { result, report: { durationMs: end - start, ticks: during.length, longestStallMs: Math.round(longestStallMs) } };
  } finally {
    realTimers.clearInterval(interval);
  }
}

/**
 * Fails when the loop stalled for more than half the work's duration (and more than 100 ms):
 * generous enough for a loaded 2-core machine, far below what any blocking call produces.
 */
export function expectResponsive(report: ResponsivenessReport, what: string): void {
  const allowed = Math.max(100, report.durationMs / 2);
  if (report.longestStallMs > allowed) {
    fail(
      `the event loop got no turn for ${report.longestStallMs} ms while ${what} ran (${Math.round(report.durationMs)} ms in all): ` +
        'the work ran on the main thread and blocked it.',
    );
  }
}
