import { fail } from './failures.ts';
import { recordTimeline, type Timeline } from './timeline.ts';

export interface OperationRecord {
  name: string;
  start: number;
  end: number | undefined;
  outcome: 'pending' | 'fulfilled' | 'rejected' | 'aborted';
}

export interface OperationScript<T> {
  /** How long the operation takes, in (virtual) milliseconds. */
  ms: number;
  /** The value it resolves with; default `name`. */
  value?: T;
  /** When set, the operation rejects with this error after `ms`. */
  error?: Error;
}

export interface ConcurrencyProbe {
  /**
   * A fake async operation. Each call records `start <name>` then `end <name>` on the probe's timeline,
   * counts itself in flight in between, and honours an AbortSignal (rejecting with its reason at once).
   */
  operation<T = string>(name: string, script: OperationScript<T>): (signal?: AbortSignal) => Promise<T>;
  readonly timeline: Timeline;
  readonly inFlight: number;
  /** The most operations that were ever in flight at the same time. */
  readonly peak: number;
  readonly records: readonly OperationRecord[];
  /** Names in the order their operations started. */
  startOrder(): string[];
  record(name: string): OperationRecord | undefined;
  expectPeakAtMost(limit: number, why?: string): void;
  expectPeak(exactly: number, why?: string): void;
}

/** Counts what runs at the same time. Timing uses the global setTimeout, so the virtual clock drives it. */
export function trackConcurrency(now: () => number = () => performance.now()): ConcurrencyProbe {
  const timeline = recordTimeline(now);
  const records: OperationRecord[] = [];
  let inFlight = 0;
  let peak = 0;
  let peakMoment = '';

  const describeInFlight = (): string =>
    records.filter((r) => r.outcome === 'pending').map((r) => r.name).join(', ');

  function operation<T>(name: string, script: OperationScript<T>) {
    return (signal?: AbortSignal): Promise<T> => {
      const record: OperationRecord = { name, start: now(), end: undefined, outcome: 'pending' };
      records.push(record);
      timeline.log(`start ${name}`);
      inFlight += 1;
      if (inFlight > peak) {
        peak = inFlight;
        peakMoment = `at t=${Math.round(record.start)} ms: ${describeInFlight()} in flight`;
      }
      const finish = (outcome: OperationRecord['outcome']): void => {
        inFlight -= 1;
        record.end = now();
        record.outcome = outcome;
        timeline.log(`${outcome === 'aborted' ? 'abort' : 'end'} ${name}`);
      };
      return new Promise<T>((resolve, reject) => {
        if (signal?.aborted) {
          finish('aborted');
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          clearTimeout(timer);
          finish('aborted');
          reject(signal!.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          if (script.error) {
            finish('rejected');
            reject(script.error);
          } else {
            finish('fulfilled');
            resolve((script.value ?? name) as T);
          }
        }, script.ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    };
  }

  return {
    operation,
    timeline,
    get inFlight() {
      return inFlight;
    },
    get peak() {
      return peak;
    },
    records,
    startOrder: () => records.map((r) => r.name),
    record: (name) => records.find((r) => r.name === name),
    expectPeakAtMost(limit, why) {
      if (peak > limit) fail(`${peak} operations ran at the same time (${peakMoment}); at most ${limit} may${why ? ` — ${why}` : ''}.`);
    },
    expectPeak(exactly, why) {
      if (peak !== exactly) {
        const seen = peak > exactly ? `${peak} ran at the same time (${peakMoment})` : `at most ${peak} ever ran at the same time${peak ? ` (${peakMoment})` : ''}`;
        fail(`expected ${exactly} operations in flight together, but ${seen}${why ? ` — ${why}` : ''}. Timeline: ${timeline.format()}`);
      }
    },
  };
}
