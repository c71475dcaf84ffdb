// The mistake: clear() exists, to satisfy the type, but does nothing. Each call leaves a listener on
// every input; on a signal that lives as long as the program, they pile up, one per request, forever.
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);
  const onAbort = (event: Event): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
    controller.abort((event.target as AbortSignal).reason);
  };
  const alreadyAborted = inputs.find((input) => input.aborted);
  if (alreadyAborted) controller.abort(alreadyAborted.reason);
  else for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller.signal, { clear: () => {} });
}
