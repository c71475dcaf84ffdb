// The mistake: calling controller.abort() with no argument. The combined signal aborts on time, but
// with a fresh AbortError: the caller can no longer tell a timeout from a user's cancel.
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);
  const clear = (): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
  };
  const onAbort = (): void => {
    clear();
    controller.abort();
  };
  if (inputs.some((input) => input.aborted)) controller.abort();
  else for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller.signal, { clear });
}
