import { describe, it } from 'vitest';
import { ApiError, check, points, useVirtualClock } from '@tickwork/testkit';
import { retryDelayMs } from '#impl';

// retryDelayMs reads Date.now() for an HTTP-date retry-after: the virtual clock fakes Date too.
const clock = useVirtualClock();

const noJitter = (): number => 0;

function describeError(error: ApiError): string {
  const headers = Object.entries(error.headers).map(([name, value]) => `${name}: ${value}`);
  return `ApiError(${error.status ?? 'connection error'}${headers.length > 0 ? `, { ${headers.join(', ')} }` : ''})`;
}

/**
 * The README defines the delay exactly; a learner who rounds it to whole milliseconds is still right,
 * so 1 ms either way is accepted.
 */
function expectDelay(error: ApiError, attempt: number, random: () => number, expected: number | null, why: string): void {
  const actual = retryDelayMs(error, attempt, random);
  const call = `retryDelayMs(${describeError(error)}, ${attempt}, () => ${random()})`;
  if (expected === null) {
    check(actual === null, `${call} returned ${String(actual)}; expected null (${why})`);
    return;
  }
  check(typeof actual === 'number' && Math.abs(actual - expected) <= 1, `${call} returned ${String(actual)}; expected ${expected} ms (${why})`);
}

describe('retryDelayMs(error, attempt, random): which errors', () => {
  it('retries connection errors, 408, 409, 429 and 5xx, and never any other 4xx', points(2), () => {
    expectDelay(new ApiError(undefined), 0, noJitter, 500, 'a connection error (status undefined) is retried');
    for (const status of [408, 409, 429, 500, 502, 503, 529]) {
      expectDelay(new ApiError(status), 0, noJitter, 500, `status ${status} is retried, after 500 ms at attempt 0`);
    }
    for (const status of [400, 401, 403, 404, 422]) {
      expectDelay(new ApiError(status), 0, noJitter, null, `status ${status} will fail the same way again: never retried`);
    }
    expectDelay(new ApiError(400, { 'retry-after': '1' }), 0, noJitter, null, 'a retry-after header does not make a 400 retryable');
  });

  it('lets an x-should-retry header override the status', () => {
    expectDelay(new ApiError(400, { 'x-should-retry': 'true' }), 1, noJitter, 1000, 'x-should-retry: true makes a 400 retryable');
    expectDelay(new ApiError(503, { 'x-should-retry': 'false' }), 0, noJitter, null, 'x-should-retry: false wins over a retryable 503');
    expectDelay(new ApiError(429, { 'x-should-retry': 'false', 'retry-after': '2' }), 0, noJitter, null, 'x-should-retry: false wins over 429 and retry-after');
  });
});

describe('retryDelayMs(error, attempt, random): how long', () => {
  it('backs off exponentially from 500 ms and never beyond 8000 ms', points(2), () => {
    const expected = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    expected.forEach((ms, attempt) => {
      expectDelay(new ApiError(503), attempt, noJitter, ms, `min(500 × 2^${attempt}, 8000) with random() = 0`);
    });
  });

  it('takes up to 25% off the backoff as jitter, never adds to it', () => {
    expectDelay(new ApiError(500), 0, () => 0.5, 437.5, '500 × (1 − 0.25 × 0.5)');
    expectDelay(new ApiError(500), 2, () => 0.25, 1875, '2000 × (1 − 0.25 × 0.25)');
    expectDelay(new ApiError(500), 9, () => 0.5, 7000, 'the cap of 8000 ms comes first, then the jitter: 8000 × 0.875');
  });

  it('waits retry-after-ms milliseconds, or retry-after seconds', points(2), () => {
    expectDelay(new ApiError(429, { 'retry-after-ms': '1500' }), 0, noJitter, 1500, 'retry-after-ms is in milliseconds');
    expectDelay(new ApiError(429, { 'retry-after': '2' }), 0, noJitter, 2000, 'retry-after is in seconds');
    expectDelay(new ApiError(503, { 'retry-after': '1.5' }), 3, noJitter, 1500, 'retry-after may have a fraction; the server wait replaces the backoff');
    expectDelay(new ApiError(529, { 'retry-after': '59' }), 0, noJitter, 59_000, '59 s is within the 60 s the SDKs accept');
    expectDelay(new ApiError(429, { 'retry-after-ms': '250', 'retry-after': '1' }), 0, noJitter, 250, 'retry-after-ms is more precise and wins over retry-after');
  });

  it('reads retry-after as an HTTP date, measured from Date.now()', async () => {
    await clock.advance(10_000);
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    expectDelay(new ApiError(503, { 'retry-after': inThreeSeconds }), 0, noJitter, 3000, `at t=10000 ms the date "${inThreeSeconds}" is 3 s away`);
  });

  it('ignores a server wait that is not within (0, 60 s] and backs off instead', points(2), () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'retry-after': '120' }, 'retry-after of 120 s is too long to trust'],
      [{ 'retry-after-ms': '90000' }, 'retry-after-ms of 90 s is too long to trust'],
      [{ 'retry-after': '0' }, 'a wait of 0 is no wait'],
      [{ 'retry-after': '-5' }, 'a negative wait is nonsense'],
      [{ 'retry-after': new Date(Date.now() - 5000).toUTCString() }, 'a date in the past'],
      [{ 'retry-after': 'soon' }, 'neither a number nor a date'],
    ];
    for (const [headers, why] of cases) {
      expectDelay(new ApiError(429, headers), 1, noJitter, 1000, `${why}: back off instead (attempt 1: 1000 ms)`);
    }
  });
});
