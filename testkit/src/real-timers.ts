/**
 * The host's own timers, captured when the testkit loads — before any virtual clock is installed —
 * so probes that must run in real time (ordering, responsiveness, leak flushing) can still reach them.
 */
export const realTimers = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
  setImmediate: globalThis.setImmediate.bind(globalThis),
  clearImmediate: globalThis.clearImmediate.bind(globalThis),
  now: performance.now.bind(performance),
};

/** Resolves after one real turn of the event loop (a real macrotask). */
export function nextRealTurn(): Promise<void> {
  return new Promise((resolve) => realTimers.setImmediate(resolve));
}
