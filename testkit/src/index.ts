export { points } from './points.ts';
export { useVirtualClock, LOOP_LIMIT, type VirtualClock, type WatchedPromise, type PendingTimer } from './virtual-clock.ts';
export { recordTimeline, type Timeline, type TimelineEvent } from './timeline.ts';
export { trackConcurrency, type ConcurrencyProbe, type OperationRecord, type OperationScript } from './concurrency.ts';
export { runOrderingScenario, type OrderingOptions } from './ordering.ts';
export { probeResponsiveness, expectResponsive, type ResponsivenessReport } from './responsiveness.ts';
export { abortListenerCount, expectNoAbortListeners } from './signals.ts';
export { TickworkFailure, LearnerAssertion, fail, check, isNotImplemented, FAILURE_KINDS, type FailureKind, kindOfMessage, stripKind } from './failures.ts';
export { realTimers } from './real-timers.ts';
