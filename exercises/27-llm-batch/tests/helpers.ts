// Shared assertions for the runBatch tests: each failure says what the API saw, in virtual time.
import { check, type CallRecord, type FakeLlm, type LlmResponse } from '@tickwork/testkit';

export const MINUTE = 60_000;

export function describeEntry(entry: unknown): string {
  if (!entry || typeof entry !== 'object') return String(entry);
  const settled = entry as { status?: string; value?: LlmResponse; reason?: unknown };
  if (settled.status === 'fulfilled') return `fulfilled with "${settled.value?.text}"`;
  if (settled.status === 'rejected') {
    const reason = settled.reason as { name?: string; message?: string } | undefined;
    return `rejected with ${reason?.name ?? 'a non-error'}: ${reason?.message ?? String(settled.reason)}`;
  }
  return JSON.stringify(entry);
}

/** The starts inside the busiest window, for a message: "t=0, 0, 1000 ms". */
function startsInWindow(api: FakeLlm, from: number): string {
  const starts = api.calls.filter((c) => c.start >= from && c.start < from + MINUTE).map((c) => c.start);
  return `t=${starts.slice(0, 12).join(', ')}${starts.length > 12 ? ', …' : ''} ms`;
}

/** No sliding minute over the call starts (retries included) holds more requests or tokens than allowed. */
export function expectWithinBudgets(api: FakeLlm, budgets: { requestsPerMinute: number; tokensPerMinute: number }): void {
  const requests = api.busiestWindow(MINUTE);
  check(
    requests.total <= budgets.requestsPerMinute,
    `${requests.total} requests (retries included) started within the minute from t=${requests.from} ms, ` +
      `but requestsPerMinute is ${budgets.requestsPerMinute}: starts at ${startsInWindow(api, requests.from)}. ` +
      'Every 60-second window counts, not only the minutes from t=0.',
  );
  const tokens = api.busiestWindow(MINUTE, (call) => call.tokens);
  check(
    tokens.total <= budgets.tokensPerMinute,
    `requests costing ${tokens.total} tokens started within the minute from t=${tokens.from} ms, ` +
      `but tokensPerMinute is ${budgets.tokensPerMinute} (each request costs api.countTokens({ prompt })): ` +
      `starts at ${startsInWindow(api, tokens.from)}.`,
  );
}

/** The calls in flight at the moment the most were, for a message. */
function busiestMoment(calls: readonly CallRecord[]): string {
  let best: { at: number; prompts: string[] } = { at: 0, prompts: [] };
  for (const call of calls) {
    const open = calls.filter((c) => c.start <= call.start && (c.end === undefined || c.end > call.start));
    if (open.length > best.prompts.length) {
      best = { at: call.start, prompts: open.map((c) => `"${c.request.prompt}" (attempt ${c.attempt})`) };
    }
  }
  const shown = best.prompts.slice(0, 6).join(', ') + (best.prompts.length > 6 ? ', …' : '');
  return `at t=${best.at} ms: ${shown}`;
}

export function expectPeakAtMost(api: FakeLlm, concurrency: number, hint = ''): void {
  check(
    api.peakInFlight <= concurrency,
    `${api.peakInFlight} requests were in flight at once, but concurrency is ${concurrency}${hint} (${busiestMoment(api.calls)})`,
  );
}

/** Progress events as the test saw them: [virtual time, done, total]. */
export type ProgressLog = Array<[number, number, number]>;

export function expectProgressEnds(progress: ProgressLog, total: number): void {
  check(progress.length > 0, 'onProgress was never called');
  let previous = 0;
  for (const [at, done, reportedTotal] of progress) {
    check(reportedTotal === total, `onProgress(${done}, ${reportedTotal}) at t=${at} ms: the total is the number of prompts, ${total}`);
    check(
      done <= total,
      `onProgress(${done}, ${total}) at t=${at} ms: more done than there are prompts — count prompts that have settled, not attempts`,
    );
    check(done >= previous, `onProgress went backwards at t=${at} ms: ${previous} done, then ${done}`);
    previous = done;
  }
  const [at, done] = progress.at(-1)!;
  check(done === total, `the last onProgress call was (${done}, ${total}) at t=${at} ms; it must end at (${total}, ${total})`);
}
