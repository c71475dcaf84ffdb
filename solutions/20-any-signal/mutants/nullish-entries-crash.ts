// The mistake: trusting the array to hold signals only. An optional `signal` that the caller did not
// pass arrives as undefined, and `undefined.addEventListener` throws a TypeError.
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const controller = new AbortController();
  const inputs = signals as AbortSignal[];
  const clear = (): void => {
    for (const input of inputs) input.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event): void => {
    clear();
    controller.abort((event.target as AbortSignal).reason);
  };
  const alreadyAborted = inputs.find((input) => input.aborted);
  if (alreadyAborted) controller.abort(alreadyAborted.reason);
  else for (const input of inputs) input.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller.signal, { clear });
}
