// A different style: the attempt's signal is AbortSignal.any([caller's signal, AbortSignal.timeout]),
// the backoff is node:timers/promises' setTimeout with the caller's signal, and the policy is a table
// lookup. No controller or listener of our own to clean up.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeLlm, LlmRequest, LlmResponse } from '@tickwork/testkit';

export interface CallLlmOptions {
  attemptTimeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
}

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

interface ErrorWithStatus {
  name: string;
  status?: number;
  headers?: Readonly<Record<string, string>>;
}

/** How long to wait before the next attempt, or null when the error is final. */
function delayBeforeRetry(error: unknown, retriesMade: number): number | null {
  const { name, status, headers = {} } = (error ?? {}) as ErrorWithStatus;
  const backoff = BACKOFF_MS[Math.min(retriesMade, BACKOFF_MS.length - 1)]!;
  if (name === 'TimeoutError') return backoff;
  if (name !== 'ApiError') return null;
  const forced = headers['x-should-retry'];
  const retryable = forced !== undefined ? forced === 'true' : status === undefined || status >= 500 || RETRYABLE_STATUSES.has(status);
  if (!retryable) return null;
  const serverMs = headers['retry-after-ms'] !== undefined ? Number(headers['retry-after-ms']) : retryAfterMs(headers['retry-after']);
  return serverMs > 0 && serverMs <= 60_000 ? serverMs : backoff;
}

function retryAfterMs(value: string | undefined): number {
  if (value === undefined) return NaN;
  const seconds = Number(value);
  return Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000;
}

export async function callLlm(api: FakeLlm, request: LlmRequest, options: CallLlmOptions): Promise<LlmResponse> {
  const { attemptTimeoutMs, maxRetries, signal } = options;
  let retriesMade = 0;
  while (true) {
    signal?.throwIfAborted();
    const deadline = AbortSignal.timeout(attemptTimeoutMs);
    try {
      return await api.complete(request, { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const delay = retriesMade < maxRetries ? delayBeforeRetry(error, retriesMade) : null;
      if (delay === null) throw error;
      retriesMade += 1;
      // node:timers/promises rejects with its own AbortError; the caller wants its reason back.
      await sleep(delay, undefined, { signal }).catch(() => signal!.throwIfAborted());
    }
  }
}
