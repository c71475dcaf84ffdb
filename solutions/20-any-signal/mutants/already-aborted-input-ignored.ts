// The mistake: only listening for the 'abort' event. An input that aborted before the call never
// fires it again, so the combined signal stays live although the work should not even start.
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);
  const clear = (): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event): void => {
    clear();
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller.signal, { clear });
}
