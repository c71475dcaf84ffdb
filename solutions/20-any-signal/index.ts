export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);

  // One listener shared by every input, so that clear() can name it in removeEventListener.
  const onAbort = (event: Event): void => {
    clear();
    controller.abort((event.target as AbortSignal).reason);
  };
  const clear = (): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
  };

  // An abort that happened before this call fires no event: it has to be looked for.
  const alreadyAborted = inputs.find((input) => input.aborted);
  if (alreadyAborted) {
    controller.abort(alreadyAborted.reason);
  } else {
    for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  }
  return Object.assign(controller.signal, { clear });
}
