// The mistake: exitCode is always written, 0 on success, overwriting whatever the program had set before.
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
  let failed = false;
  try {
    return await main(controller.signal);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    proc.exitCode = failed ? 1 : 0;
    proc.off('SIGINT', onSignal);
    proc.off('SIGTERM', onSignal);
    controller.abort(new Error('main settled'));
  }
}
