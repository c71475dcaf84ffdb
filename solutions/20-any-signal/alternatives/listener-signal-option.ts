// Correct in another style: every listener is added with addEventListener's own `signal` option,
// bound to a private "cleanup" controller, so that clear() is a single cleanup.abort() and nothing
// has to remember which function went on which input.
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const result = new AbortController();
  const cleanup = new AbortController();
  const clear = (): void => cleanup.abort();

  for (const input of signals) {
    if (!input) continue;
    if (input.aborted) {
      clear();
      result.abort(input.reason);
      break;
    }
    input.addEventListener(
      'abort',
      () => {
        clear();
        result.abort(input.reason);
      },
      { once: true, signal: cleanup.signal },
    );
  }
  return Object.assign(result.signal, { clear });
}
