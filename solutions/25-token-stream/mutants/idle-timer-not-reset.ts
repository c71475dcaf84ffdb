// The mistake: setting the idle timer once, when the stream starts, and never restarting it when a
// token arrives. It becomes a deadline for the whole answer: a long, healthy stream times out.
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
  const idleTimer =
    idleTimeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError')), idleTimeoutMs);
  try {
    for await (const token of api.stream(request, { signal: controller.signal })) {
      yield token;
    }
  } finally {
    clearTimeout(idleTimer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}
