import { expectHeartbeatStops, snapshotActiveResources } from '@tickwork/testkit';

/** Fails (leaked-handles) if the heartbeat the gated tasks started in their workers outlives close(). */
export function expectWorkersEnded(beats: Int32Array): Promise<void> {
  return expectHeartbeatStops(
    beats,
    (ms) =>
      `a worker thread of the pool was still running ${ms} ms after close() resolved. ` +
      'close() must end every worker (worker.terminate()) before it resolves: an idle worker waiting for ' +
      'messages never stops by itself, and unless unref()ed it keeps the process from exiting.',
  );
}

/** A snapshot of the main thread's handles before the pool exists; the check fails if close() left new ones. */
export function expectNoNewHandles(): () => Promise<void> {
  const check = snapshotActiveResources();
  return () =>
    check(
      (handles, ms) =>
        `${ms} ms after close() resolved, the main thread still holds ${handles} that it did not hold before ` +
        'the pool was created (process.getActiveResourcesInfo()). close() must leave nothing behind: close your ports, clear your timers.',
    );
}
