// No async/await: a promise chain whose .finally() does the cleanup, whichever way main settles.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  // One listener for both signals: Node passes the signal's name to it.
  const onSignal = (signal: ShutdownSignal): void => controller.abort(new Error(`interrupted by ${signal}`));
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  // Calling main inside .then() turns a synchronous throw into a rejection of the chain.
  return Promise.resolve()
    .then(() => main(controller.signal))
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
