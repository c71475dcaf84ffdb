// A different style: a hand-driven loop over the API's iterator, one idle wait per next() made with
// node:timers/promises (cancelled through its own signal), and an own TimeoutError class.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

export interface StreamTokensOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Waits for the next token; if none comes within `ms`, aborts the request, which fails the next(). */
async function nextWithin(tokens: AsyncIterator<string>, ms: number | undefined, request: AbortController): Promise<IteratorResult<string>> {
  if (ms === undefined) return tokens.next();
  const stopWaiting = new AbortController();
  sleep(ms, undefined, { signal: stopWaiting.signal }).then(
    () => request.abort(new TimeoutError(`no token for ${ms} ms`)),
    () => {}, // the token came first: the sleep was cancelled
  );
  try {
    return await tokens.next();
  } finally {
    stopWaiting.abort();
  }
}

export async function* streamTokens(api: FakeLlm, request: LlmRequest, options: StreamTokensOptions = {}): AsyncGenerator<string> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted) throw signal.reason;
  const upstream = new AbortController();
  const onAbort = (): void => upstream.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const tokens = api.stream(request, { signal: upstream.signal });
  try {
    while (true) {
      const result = await nextWithin(tokens, idleTimeoutMs, upstream);
      if (result.done) return;
      yield result.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    upstream.abort(); // ends the request if the caller broke out early; a no-op once it has finished
  }
}
