// The mistake: the listeners are removed when main settles, but the signal is never aborted, so work main left running goes on.
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
    return await main(controller.signal);
  } catch (error) {
    proc.exitCode = 1;
    throw error;
  } finally {
    proc.off('SIGINT', onSignal);
    proc.off('SIGTERM', onSignal);
  }
}
