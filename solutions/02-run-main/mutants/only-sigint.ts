// The mistake: only Ctrl-C (SIGINT) is handled; SIGTERM, what a process manager or 'docker stop' sends, is forgotten.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export async function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('received SIGINT'));
  proc.on('SIGINT', onSigint);
  try {
    return await main(controller.signal);
  } catch (error) {
    proc.exitCode = 1;
    throw error;
  } finally {
    proc.off('SIGINT', onSigint);
    controller.abort(new Error('main settled'));
  }
}
