/** What a learner sends: the shape of a chat-completion request, cut to what the exercises need. */
export interface LlmRequest {
  prompt: string;
  /** Upper bound on the answer's tokens; counts against a tokens-per-minute budget like a real API. Default 16. */
  maxTokens?: number;
}

export interface LlmResponse {
  /** `call-<n>`: the index of the call that produced it, so a test can tell attempts apart. */
  id: string;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

/**
 * An error response, shaped like the official SDKs' `APIError`: `status` is the HTTP status, or
 * `undefined` for a connection error (no response at all); `headers` are lower-case names.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number | undefined, headers: Record<string, string> = {}, message?: string) {
    super(message ?? (status === undefined ? 'Connection error.' : `${status} ${STATUS_TEXT[status] ?? 'error'}`));
    this.status = status;
    this.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 529: 'Overloaded',
};

/** How one call behaves. Every field is optional; the FakeLlm's defaults fill the rest. */
export interface LlmStep {
  /** Milliseconds until the answer (or the error, or the first streamed token). */
  latencyMs?: number;
  /** The answer's text; default `echo: <prompt>`. Streamed as space-separated tokens. */
  text?: string;
  /** Answer with this error after `latencyMs` instead of a response. */
  error?: ApiError;
  /** Never answer: only an abort ends the call. */
  hang?: boolean;
  /** Streaming only: milliseconds between tokens after the first (default the FakeLlm's tokenGapMs). */
  tokenGapMs?: number;
  /** Streaming only: send this many tokens, then hang. */
  stallAfterTokens?: number;
}

export interface CallRecord {
  /** 0-based, in the order calls were made. */
  index: number;
  kind: 'complete' | 'stream';
  request: LlmRequest;
  /** 1-based count of calls with the same prompt so far: attempt 2 is the first retry. */
  attempt: number;
  start: number;
  end: number | undefined;
  outcome: 'pending' | 'ok' | 'error' | 'aborted';
  /** The error's status when the outcome is `error` (undefined for a connection error). */
  status: number | undefined;
  /** What this call counts against a tokens-per-minute budget: `FakeLlm.countTokens(request)`. */
  tokens: number;
  /** Tokens streamed so far (stream calls). */
  tokensSent: number;
  aborted: boolean;
}

export interface FakeLlmOptions {
  /** Clock for the call records; pass the virtual clock's `clock.now`. */
  now?: () => number;
  /** Default latency of a call, in ms (default 1000). */
  latencyMs?: number;
  /** Default gap between streamed tokens, in ms (default 100). */
  tokenGapMs?: number;
  /**
   * Decides each call's behaviour from its request and attempt number (1 = first call with that
   * prompt). Return undefined for the defaults. Steps queued with `script()` win over this.
   */
  respond?: (request: LlmRequest, call: { index: number; attempt: number }) => LlmStep | undefined;
}
