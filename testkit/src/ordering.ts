import { stat } from 'node:fs';
import { nextRealTurn, realTimers } from './real-timers.ts';

export interface OrderingOptions {
  /**
   * Where the scenario starts. `macrotask` (default): from a setImmediate callback, so nextTick runs
   * before promise jobs as in any ordinary callback (a vitest test body itself runs inside a promise
   * job, where that order is reversed). `io-callback`: from an fs callback, where a setImmediate
   * always beats a setTimeout(0).
   */
  from?: 'macrotask' | 'io-callback';
  /** Real milliseconds to wait for timers the scenario scheduled. Default 25. */
  settleMs?: number;
}

/**
 * Runs `scenario` the way Node would run any callback and returns the labels it logged, in the order
 * they were logged. Uses real time: do not install the virtual clock in the same test.
 */
export async function runOrderingScenario(
  scenario: (log: (label: string) => void) => void,
  options: OrderingOptions = {},
): Promise<string[]> {
  const { from = 'macrotask', settleMs = 25 } = options;
  const order: string[] = [];
  const log = (label: string): void => {
    order.push(String(label));
  };
  await new Promise<void>((resolve, reject) => {
    const run = (): void => {
      try {
        scenario(log);
        resolve();
      } catch (error) {
        reject(error);
      }
    };
    if (from === 'io-callback') stat(import.meta.dirname ?? '.', run);
    else realTimers.setImmediate(run);
  });
  await new Promise((resolve) => realTimers.setTimeout(resolve, settleMs));
  await nextRealTurn();
  await nextRealTurn();
  return order;
}
