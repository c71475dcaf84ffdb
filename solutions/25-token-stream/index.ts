import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

export interface StreamTokensOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export async function* streamTokens(
  api: FakeLlm,
  request: LlmRequest,
  options: StreamTokensOptions = {},
): AsyncGenerator<string> {
  const { signal, idleTimeoutMs } = options;
  signal?.throwIfAborted();
  // Our own controller: the only way to interrupt a next() that is still waiting is to abort the
  // request itself, whether the reason is the caller's signal or our idle timer.
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // Armed only while we wait for the API; the time the caller spends on a token does not count.
  const armIdleTimer = (): void => {
    if (idleTimeoutMs === undefined) return;
    idleTimer = setTimeout(() => {
      controller.abort(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError'));
    }, idleTimeoutMs);
  };

  try {
    armIdleTimer();
    for await (const token of api.stream(request, { signal: controller.signal })) {
      clearTimeout(idleTimer);
      yield token; // `break` in the caller resumes us here with a return: the finally below runs
      armIdleTimer();
    }
  } finally {
    clearTimeout(idleTimer);
    signal?.removeEventListener('abort', forwardAbort);
    // After a break the for-await has already ended the request; abort is a no-op then, and a
    // guarantee for any other way out.
    controller.abort();
  }
}
