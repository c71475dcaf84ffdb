// Reference solution: a closure holding one FIFO queue of waiting calls and at most one timer, which
// wakes the queue when its head may start. What "may start" means is the only difference between the
// two modes: fixed windows by default, a sliding log of recent starts in strict mode.

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

interface Waiting {
  cost: number;
  start: () => void;
  reject: (reason: unknown) => void;
}

function checkNumber(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`pThrottle: \`${name}\` must be a finite number >= 0, got ${String(value)}`);
  }
}

export function pThrottle(
  options: ThrottleOptions,
): <Args extends unknown[], R>(fn: (...args: Args) => R) => ThrottledFunction<Args, R> {
  const { limit, interval, strict = false, weight, signal, onDelay } = options;
  checkNumber('limit', limit);
  checkNumber('interval', interval);

  const queue: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined; // set exactly while the queue is not empty

  // Default mode: one window at a time, opened by the first call that finds the previous one over.
  let windowStart = -Infinity;
  let windowUsed = 0;
  // Strict mode: every start (and its cost) of the last `interval` ms, oldest first.
  const recent: Array<{ at: number; cost: number }> = [];

  /** Milliseconds until a call of `cost` may start; 0 means now. Assumes cost <= limit. */
  function waitFor(cost: number, now: number): number {
    if (!strict) {
      if (now >= windowStart + interval || windowUsed + cost <= limit) return 0;
      return windowStart + interval - now;
    }
    while (recent.length > 0 && recent[0]!.at <= now - interval) recent.shift();
    let used = recent.reduce((sum, start) => sum + start.cost, 0);
    if (used + cost <= limit) return 0;
    // Wait until enough of the oldest starts have slid out of the window.
    for (const start of recent) {
      used -= start.cost;
      if (used + cost <= limit) return start.at + interval - now;
    }
    return interval; // unreachable while cost <= limit
  }

  function recordStart(cost: number, now: number): void {
    if (strict) {
      recent.push({ at: now, cost });
    } else {
      if (now >= windowStart + interval) {
        windowStart = now;
        windowUsed = 0;
      }
      windowUsed += cost;
    }
  }

  /** Starts every call at the head of the queue that may start now, then sleeps until the next one may. */
  function drain(): void {
    timer = undefined;
    const now = Date.now();
    while (queue.length > 0) {
      const head = queue[0]!;
      const wait = waitFor(head.cost, now);
      if (wait > 0) {
        timer = setTimeout(drain, wait);
        return;
      }
      queue.shift();
      recordStart(head.cost, now);
      head.start();
    }
  }

  // One listener for the throttle's whole life, as p-throttle does: the signal is meant to end it.
  signal?.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      timer = undefined;
      for (const waiting of queue.splice(0)) waiting.reject(signal.reason);
    },
    { once: true },
  );

  return <Args extends unknown[], R>(fn: (...args: Args) => R): ThrottledFunction<Args, R> => {
    const throttled = (...args: Args): Promise<Awaited<R>> =>
      new Promise<Awaited<R>>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        let cost = 1;
        if (weight) {
          try {
            cost = weight(...args);
          } catch (error) {
            reject(error);
            return;
          }
          if (!Number.isFinite(cost) || cost < 0 || cost > limit) {
            // A call heavier than the limit could never start: fail it rather than block the queue forever.
            reject(new TypeError(`pThrottle: weight must be a finite number from 0 to limit (${limit}), got ${String(cost)}`));
            return;
          }
        }
        const waiting: Waiting = {
          cost,
          start: () => {
            // fn may throw synchronously from inside our timer: that must become this call's rejection.
            try {
              resolve(fn(...args) as Awaited<R>);
            } catch (error) {
              reject(error);
            }
          },
          reject,
        };
        queue.push(waiting);
        if (timer === undefined) drain();
        if (queue.includes(waiting)) {
          try {
            onDelay?.(...args);
          } catch {
            // A monitoring callback must not break the call it reports on (p-throttle ignores it too).
          }
        }
      });
    return Object.defineProperty(throttled, 'queueSize', { get: () => queue.length }) as ThrottledFunction<Args, R>;
  };
}
