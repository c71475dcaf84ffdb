// The mistake: handling the idle timeout with an own AbortController but never listening to the
// caller's signal, so aborting from outside changes nothing: the stream runs to its end.
import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

export interface StreamTokensOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export async function* streamTokens(api: FakeLlm, request: LlmRequest, options: StreamTokensOptions = {}): AsyncGenerator<string> {
  const { idleTimeoutMs } = options;
  const controller = new AbortController();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdleTimer = (): void => {
    if (idleTimeoutMs === undefined) return;
    idleTimer = setTimeout(() => controller.abort(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError')), idleTimeoutMs);
  };
  try {
    armIdleTimer();
    for await (const token of api.stream(request, { signal: controller.signal })) {
      clearTimeout(idleTimer);
      yield token;
      armIdleTimer();
    }
  } finally {
    clearTimeout(idleTimer);
    controller.abort();
  }
}
