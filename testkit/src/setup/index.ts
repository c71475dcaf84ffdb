/**
 * The vitest setup file for every hidden test: per-test attribution of unhandled rejections and of
 * abort listeners left behind, the heartbeat the grader's watchdog reads, each exercise's own test
 * timeout, and the guard that keeps one exercise's globals from leaking into the next.
 */
import { installAbortListenerCheck } from './abort-listeners.ts';
import { installGlobalsGuard } from './globals-guard.ts';
import { installHeartbeat } from './heartbeat.ts';
import { applyPerFileTimeout } from './per-file-timeout.ts';
import { routeRawOutputThroughConsole } from './raw-output.ts';
import { installUnhandledRejectionCheck } from './unhandled-rejections.ts';

installHeartbeat();
applyPerFileTimeout();
routeRawOutputThroughConsole();
installUnhandledRejectionCheck();
installAbortListenerCheck();
installGlobalsGuard();
