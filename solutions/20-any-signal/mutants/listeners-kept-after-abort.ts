// The mistake: removing the listeners in clear() only. When one input aborts, the combined signal
// aborts for good, yet its listeners stay on every other input until somebody remembers clear().
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  const clear = (): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
  };
  const alreadyAborted = inputs.find((input) => input.aborted);
  if (alreadyAborted) controller.abort(alreadyAborted.reason);
  else for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller.signal, { clear });
}
