// The mistake: taking the shortcut through Node's AbortSignal.any and bolting on an empty clear().
// It aborts at the right time with the right reason, but it cannot be detached: after clear(), an
// input that aborts still aborts the combined signal (and the work it guards is cancelled after all).
export interface ClearableSignal extends AbortSignal {
  clear(): void;
}

export function anySignal(signals: Array<AbortSignal | undefined | null>): ClearableSignal {
  const inputs = signals.filter((signal): signal is AbortSignal => signal != null);
  return Object.assign(AbortSignal.any(inputs), { clear: () => {} });
}
