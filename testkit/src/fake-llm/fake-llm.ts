import { TokenStream } from './token-stream.ts';
import type { CallRecord, FakeLlmOptions, LlmRequest, LlmResponse, LlmStep } from './types.ts';

const DEFAULT_MAX_TOKENS = 16;

/** Whitespace-separated words: a token count a learner can work out by hand from a README example. */
function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * A scripted LLM API on the (virtual) clock, for exercises that call one: latency per call, hangs,
 * `ApiError` responses, streaming, a token count per request, and a record of every call. It honours
 * an AbortSignal the way fetch does: the call rejects with `signal.reason` and stops at once.
 * Guide for authors: docs/fake-llm.md.
 */
export class FakeLlm {
  readonly calls: CallRecord[] = [];
  #inFlight = 0;
  #peakInFlight = 0;
  readonly #queued: LlmStep[] = [];
  readonly #options: Required<Omit<FakeLlmOptions, 'respond'>> & Pick<FakeLlmOptions, 'respond'>;

  constructor(options: FakeLlmOptions = {}) {
    this.#options = { now: () => performance.now(), latencyMs: 1000, tokenGapMs: 100, ...options };
  }

  /** Queues behaviours for the next calls, in order, whatever their prompt (then `respond`, then defaults). */
  script(...steps: LlmStep[]): this {
    this.#queued.push(...steps);
    return this;
  }

  /** What a request counts against a tokens-per-minute budget: prompt words + maxTokens (default 16). */
  countTokens(request: LlmRequest): number {
    return countWords(request.prompt) + (request.maxTokens ?? DEFAULT_MAX_TOKENS);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get peakInFlight(): number {
    return this.#peakInFlight;
  }

  /** The calls made with this prompt, in order (attempt 1, 2, …). */
  callsFor(prompt: string): CallRecord[] {
    return this.calls.filter((call) => call.request.prompt === prompt);
  }

  /**
   * The busiest window of `windowMs` over call starts: the most calls (or, with `weigh`, the largest
   * sum such as tokens) that started within any `[t, t + windowMs)`, and the `t` where it happened.
   */
  busiestWindow(windowMs: number, weigh: (call: CallRecord) => number = () => 1): { total: number; from: number } {
    const starts = [...this.calls].sort((a, b) => a.start - b.start);
    let best = { total: 0, from: 0 };
    for (const first of starts) {
      const total = starts
        .filter((call) => call.start >= first.start && call.start < first.start + windowMs)
        .reduce((sum, call) => sum + weigh(call), 0);
      if (total > best.total) best = { total, from: first.start };
    }
    return best;
  }

  complete(request: LlmRequest, options: { signal?: AbortSignal } = {}): Promise<LlmResponse> {
    const { record, step } = this.#begin('complete', request);
    const { signal } = options;
    return new Promise<LlmResponse>((resolve, reject) => {
      if (signal?.aborted) {
        this.#finish(record, 'aborted');
        reject(signal.reason);
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => {
        clearTimeout(timer);
        this.#finish(record, 'aborted');
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (step.hang) return;
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        if (step.error) {
          this.#finish(record, 'error', step.error.status);
          reject(step.error);
        } else {
          this.#finish(record, 'ok');
          resolve(this.#response(record, step));
        }
      }, step.latencyMs ?? this.#options.latencyMs);
    });
  }

  /**
   * Streams the answer as tokens (`"echo:"`, `" hello"`, …: each after the first keeps its leading
   * space, so joining them gives the text). The first token comes after `latencyMs`, the others every
   * `tokenGapMs`. An error step fails the stream after `latencyMs`; `stallAfterTokens` hangs mid-answer.
   */
  stream(request: LlmRequest, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<string> {
    const { record, step } = this.#begin('stream', request);
    const { signal } = options;
    const tokens = this.#text(request, step).split(/(?= )/);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => stream.abort(signal!.reason);
    const stream: TokenStream = new TokenStream({
      start: (sink) => {
        if (step.hang) return;
        const gap = step.tokenGapMs ?? this.#options.tokenGapMs;
        const send = (): void => {
          if (step.error) return sink.fail(step.error);
          if (record.tokensSent === step.stallAfterTokens) return;
          sink.push(tokens[record.tokensSent++]!);
          if (record.tokensSent === tokens.length) sink.end();
          else timer = setTimeout(send, gap);
        };
        timer = setTimeout(send, step.latencyMs ?? this.#options.latencyMs);
      },
      stop: (why) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (why === 'done') this.#finish(record, 'ok');
        else if (why === 'error') this.#finish(record, 'error', step.error?.status);
        else this.#finish(record, 'aborted');
      },
    });
    if (signal?.aborted) stream.abort(signal.reason);
    else signal?.addEventListener('abort', onAbort, { once: true });
    return stream;
  }

  #begin(kind: CallRecord['kind'], request: LlmRequest): { record: CallRecord; step: LlmStep } {
    const index = this.calls.length;
    const attempt = this.callsFor(request.prompt).length + 1;
    const record: CallRecord = {
      index, kind, request, attempt, start: this.#options.now(), end: undefined, outcome: 'pending',
      status: undefined, tokens: this.countTokens(request), tokensSent: 0, aborted: false,
    };
    this.calls.push(record);
    this.#inFlight += 1;
    this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
    const step = this.#queued.shift() ?? this.#options.respond?.(request, { index, attempt }) ?? {};
    return { record, step };
  }

  #finish(record: CallRecord, outcome: Exclude<CallRecord['outcome'], 'pending'>, status?: number): void {
    if (record.outcome !== 'pending') return;
    this.#inFlight -= 1;
    record.end = this.#options.now();
    record.outcome = outcome;
    record.status = status;
    record.aborted = outcome === 'aborted';
  }

  #text(request: LlmRequest, step: LlmStep): string {
    return step.text ?? `echo: ${request.prompt}`;
  }

  #response(record: CallRecord, step: LlmStep): LlmResponse {
    const text = this.#text(record.request, step);
    return { id: `call-${record.index}`, text, usage: { inputTokens: countWords(record.request.prompt), outputTokens: countWords(text) } };
  }
}
