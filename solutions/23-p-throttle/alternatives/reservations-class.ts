// Correct in another style: a class that books each call's start time the moment it is made (a
// reservation in a sliding window), then sleeps until then with node:timers/promises and the signal.
// It uses the sliding window in both modes: stricter than the default needs, and still correct.
import { setTimeout as sleep } from 'node:timers/promises';

export interface ThrottleOptions {
  readonly limit: number;
  readonly interval: number;
  readonly strict?: boolean;
  readonly weight?: (...args: any[]) => number;
  readonly signal?: AbortSignal;
  readonly onDelay?: (...args: any[]) => void;
}

export type ThrottledFunction<Args extends unknown[], R> = ((...args: Args) => Promise<Awaited<R>>) & {
  readonly queueSize: number;
};

class Throttle {
  /** Booked starts, past and future, in time order: a later call never books before an earlier one. */
  private readonly bookings: Array<{ at: number; cost: number }> = [];
  waiting = 0;

  constructor(private readonly options: ThrottleOptions) {}

  /** The earliest time from `now` on at which a call of `cost` fits in every window of `interval`. */
  private book(cost: number, now: number): number {
    const { limit, interval } = this.options;
    let at = Math.max(now, this.bookings.at(-1)?.at ?? now);
    while (this.bookings.length > 0 && this.bookings[0]!.at <= at - interval) this.bookings.shift();
    let used = this.bookings.reduce((sum, booking) => sum + booking.cost, 0);
    // Too full: move to the moment the oldest booking slides out, until enough has slid out.
    for (let i = 0; used + cost > limit; i++) {
      const oldest = this.bookings[i]!;
      used -= oldest.cost;
      at = oldest.at + interval;
    }
    this.bookings.push({ at, cost });
    return at;
  }

  async call<Args extends unknown[], R>(fn: (...args: Args) => R, args: Args): Promise<Awaited<R>> {
    const { limit, weight, signal, onDelay } = this.options;
    signal?.throwIfAborted();
    const cost = weight ? weight(...args) : 1;
    if (!Number.isFinite(cost) || cost < 0 || cost > limit) {
      throw new TypeError(`weight must be a finite number from 0 to ${limit}, got ${String(cost)}`);
    }
    const delay = this.book(cost, Date.now()) - Date.now();
    if (delay > 0) {
      this.waiting += 1;
      try {
        onDelay?.(...args);
      } catch {
        // only a report: it must not cost the call its turn
      }
      try {
        await sleep(delay, undefined, { signal });
      } catch (error) {
        // timers/promises rejects with its own AbortError; the contract is signal.reason itself.
        throw signal?.aborted ? signal.reason : error;
      } finally {
        this.waiting -= 1;
      }
    }
    return (await fn(...args)) as Awaited<R>;
  }
}

export function pThrottle(
  options: ThrottleOptions,
): <Args extends unknown[], R>(fn: (...args: Args) => R) => ThrottledFunction<Args, R> {
  const throttle = new Throttle(options);
  return <Args extends unknown[], R>(fn: (...args: Args) => R): ThrottledFunction<Args, R> => {
    const throttled = (...args: Args): Promise<Awaited<R>> => throttle.call(fn, args);
    return Object.defineProperty(throttled, 'queueSize', { get: () => throttle.waiting }) as ThrottledFunction<Args, R>;
  };
}
