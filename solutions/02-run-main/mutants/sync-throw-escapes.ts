// The mistake: runMain is not async and calls main outside any promise chain, so a synchronous throw escapes runMain
// (no rejection, no exitCode, listeners left behind).
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  const onSignal = (signal: ShutdownSignal): void => controller.abort(new Error(`received ${signal}`));
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  return main(controller.signal)
    .catch((error: unknown) => {
      proc.exitCode = 1;
      throw error;
    })
    .finally(() => {
      proc.off('SIGINT', onSignal);
      proc.off('SIGTERM', onSignal);
      controller.abort(new Error('main settled'));
    });
}
