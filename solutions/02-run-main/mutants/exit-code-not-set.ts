// The mistake: the error is passed on, but exitCode is never set, so a failed program still exits with 0.
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
  } finally {
    proc.off('SIGINT', onSignal);
    proc.off('SIGTERM', onSignal);
    controller.abort(new Error('main settled'));
  }
}
