import { afterEach, beforeEach } from 'vitest';
import { TickworkFailure } from '../failures.ts';
import { nextRealTurn } from '../real-timers.ts';

/**
 * Attributes an unhandled rejection to the test during which it happened, as a failure of that test
 * (vitest alone would report it as a stray error of the whole run).
 */
export function installUnhandledRejectionCheck(): void {
  let caught: unknown[] = [];
  let vitestListeners: NodeJS.UnhandledRejectionListener[] = [];
  const onRejection = (reason: unknown): void => {
    caught.push(reason);
  };
  beforeEach(() => {
    caught = [];
    vitestListeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onRejection);
  });
  afterEach(async () => {
    // Node reports unhandled rejections after the microtask queue drains: give it a real turn.
    await nextRealTurn();
    process.off('unhandledRejection', onRejection);
    for (const listener of vitestListeners) process.on('unhandledRejection', listener);
    if (caught.length > 0) {
      const first = caught[0];
      const what = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
      throw new TickworkFailure(
        'unhandled-rejection',
        `${caught.length} promise${caught.length === 1 ? '' : 's'} rejected with nobody handling it (${what}). ` +
          'Every promise you create must be awaited or given a .catch.',
      );
    }
  });
}
