// The mistake: restarting the idle timer when a token arrives and clearing it only after the loop
// has run to its end. A `break` (or an error) leaves through the `yield` and skips that line, so the
// timer outlives the stream; it also runs while the caller works on a token.
import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

export interface StreamTokensOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export async function* streamTokens(api: FakeLlm, request: LlmRequest, options: StreamTokensOptions = {}): AsyncGenerator<string> {
  const { signal, idleTimeoutMs } = options;
  signal?.throwIfAborted();
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const restartIdleTimer = (): void => {
    clearTimeout(idleTimer);
    if (idleTimeoutMs === undefined) return;
    idleTimer = setTimeout(() => controller.abort(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError')), idleTimeoutMs);
  };
  restartIdleTimer();
  for await (const token of api.stream(request, { signal: controller.signal })) {
    restartIdleTimer();
    yield token;
  }
  clearTimeout(idleTimer);
  signal?.removeEventListener('abort', forwardAbort);
}
