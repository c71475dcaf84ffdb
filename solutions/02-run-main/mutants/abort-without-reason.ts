// The mistake: abort() is called without a reason, so the work stops with a bare AbortError that does not say which signal came.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export async function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
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
    controller.abort();
  }
}
