// A class that owns the controller and its listeners; runMain is a thin wrapper around one run.
export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ProcessLike {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  exitCode?: number | string | undefined;
}

class EntryPoint {
  static readonly signals: readonly ShutdownSignal[] = ['SIGINT', 'SIGTERM'];
  readonly #controller = new AbortController();
  readonly #proc: ProcessLike;

  constructor(proc: ProcessLike) {
    this.#proc = proc;
  }

  // An arrow-function field: the same function object for on() and off(), with `this` bound.
  readonly #interrupt = (signal: ShutdownSignal): void => {
    this.#controller.abort(new DOMException(`${signal} received`, 'AbortError'));
  };

  async run<T>(main: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (const s of EntryPoint.signals) this.#proc.on(s, this.#interrupt);
    let failed = false;
    try {
      return await main(this.#controller.signal);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.#shutDown(failed);
    }
  }

  #shutDown(failed: boolean): void {
    for (const s of EntryPoint.signals) this.#proc.off(s, this.#interrupt);
    this.#controller.abort(new DOMException('main finished', 'AbortError'));
    if (failed) this.#proc.exitCode = 1;
  }
}

export function runMain<T>(main: (signal: AbortSignal) => Promise<T>, options?: { process?: ProcessLike }): Promise<T> {
  return new EntryPoint(options?.process ?? process).run(main);
}
