import { expectHeartbeatStops, snapshotActiveResources } from '@tickwork/testkit';

/** Fails (leaked-handles) if the worker thread whose heartbeat is in `beats` outlives the call. */
export function expectThreadEnded(beats: SharedArrayBuffer, settled: string): Promise<void> {
  return expectHeartbeatStops(
    new Int32Array(beats),
    (ms) =>
      `the worker thread that ran fn was still running ${ms} ms after runInWorker ${settled}. ` +
      'Each call must end its worker (worker.terminate(), or let it exit on its own): a thread left behind ' +
      'holds memory and, unless unref()ed, keeps the process from exiting.',
  );
}

/** A snapshot of the main thread's handles; the check fails if runInWorker left new ones open. */
export function expectNoNewHandles(): (settled: string) => Promise<void> {
  const check = snapshotActiveResources();
  return (settled) =>
    check(
      (handles, ms) =>
        `${ms} ms after runInWorker ${settled}, the main thread still holds ${handles} that it did not hold before ` +
        'the call (process.getActiveResourcesInfo()). Remove your listeners, close your ports and clear your timers once the result is in.',
    );
}
