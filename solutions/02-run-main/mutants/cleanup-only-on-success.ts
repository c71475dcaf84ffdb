// The mistake: cleanup written after the await instead of in a finally, so it only runs when main succeeds.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export async function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  const onSignal = (signal: ShutdownSignal): void => controller.abort(new Error(`received ${signal}`));
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  try {
    const value = await main(controller.signal);
    proc.off('SIGINT', onSignal);
    proc.off('SIGTERM', onSignal);
    controller.abort(new Error('main settled'));
    return value;
  } catch (error) {
    proc.exitCode = 1;
    throw error;
  }
}
