// The mistake: collecting the whole answer into an array and only then yielding the tokens. The loop
// gets nothing until the model has finished, so the stream is no better than one complete() call.
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
  const armIdleTimer = (): void => {
    clearTimeout(idleTimer);
    if (idleTimeoutMs === undefined) return;
    idleTimer = setTimeout(() => controller.abort(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError')), idleTimeoutMs);
  };
  const answer: string[] = [];
  try {
    armIdleTimer();
    for await (const token of api.stream(request, { signal: controller.signal })) {
      answer.push(token);
      armIdleTimer();
    }
  } finally {
    clearTimeout(idleTimer);
    signal?.removeEventListener('abort', forwardAbort);
  }
  yield* answer;
}
