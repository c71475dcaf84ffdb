// The mistake: racing each next() against a timer and throwing a TimeoutError, without aborting the
// request. `return()` on the API's iterator looks like a way to stop it, but it waits behind the
// next() that is stuck, so the request runs on (and bills) after the caller has given up.
import type { FakeLlm, LlmRequest } from '@tickwork/testkit';

export interface StreamTokensOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export async function* streamTokens(api: FakeLlm, request: LlmRequest, options: StreamTokensOptions = {}): AsyncGenerator<string> {
  const { signal, idleTimeoutMs } = options;
  const tokens = api.stream(request, { signal });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    while (true) {
      const idle = new Promise<never>((_, reject) => {
        if (idleTimeoutMs === undefined) return;
        idleTimer = setTimeout(() => reject(new DOMException(`no token for ${idleTimeoutMs} ms`, 'TimeoutError')), idleTimeoutMs);
      });
      const result = await Promise.race([tokens.next(), idle]);
      clearTimeout(idleTimer);
      if (result.done) return;
      yield result.value;
    }
  } finally {
    clearTimeout(idleTimer);
    void tokens.return?.();
  }
}
