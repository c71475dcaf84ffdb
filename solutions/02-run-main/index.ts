export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

const SHUTDOWN_SIGNALS: readonly ShutdownSignal[] = ['SIGINT', 'SIGTERM'];

export async function runMain<T>(
  main: (signal: AbortSignal) => Promise<T>,
  options: { process?: ProcessLike } = {},
): Promise<T> {
  const proc = options.process ?? process;
  const controller = new AbortController();
  // Keep each listener in a variable: off() only removes the very function that on() was given.
  const listeners = SHUTDOWN_SIGNALS.map((name) => {
    const listener = (): void => controller.abort(new DOMException(`received ${name}`, 'AbortError'));
    proc.on(name, listener);
    return [name, listener] as const;
  });
  try {
    // Inside the async function's try, a synchronous throw in main becomes a rejection like any other.
    return await main(controller.signal);
  } catch (error) {
    proc.exitCode = 1;
    throw error;
  } finally {
    for (const [name, listener] of listeners) proc.off(name, listener);
    // asyncio.run cancels the tasks main left behind; here, whatever still listens to the signal stops.
    controller.abort(new DOMException('main has settled: leftover work is cancelled', 'AbortError'));
  }
}
