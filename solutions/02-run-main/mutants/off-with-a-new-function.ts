// The mistake: off() is given a new arrow function, not the one on() got, so nothing is ever removed.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

export async function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  const proc = options?.process ?? process;
  const controller = new AbortController();
  proc.on('SIGINT', () => controller.abort(new Error('received SIGINT')));
  proc.on('SIGTERM', () => controller.abort(new Error('received SIGTERM')));
  try {
    return await main(controller.signal);
  } catch (error) {
    proc.exitCode = 1;
    throw error;
  } finally {
    proc.off('SIGINT', () => controller.abort(new Error('received SIGINT')));
    proc.off('SIGTERM', () => controller.abort(new Error('received SIGTERM')));
    controller.abort(new Error('main settled'));
  }
}
