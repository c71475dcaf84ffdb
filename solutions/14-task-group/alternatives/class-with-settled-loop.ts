// Correct in another style: the group is a class with private fields, and instead of counting children
// it awaits Promise.allSettled over the ones still pending, again and again, until none is left.
export interface TaskGroup {
  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface TaskGroupOptions {
  signal?: AbortSignal;
}

class Group implements TaskGroup {
  readonly #controller = new AbortController();
  readonly #pending = new Set<Promise<void>>();
  readonly #errors: unknown[] = [];
  #closed = false;

  get errors(): readonly unknown[] {
    return this.#errors;
  }

  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R> {
    if (this.#closed) throw new Error('taskGroup: cannot spawn, the group has already settled');
    let child: Promise<R>;
    try {
      child = Promise.resolve(fn(this.#controller.signal));
    } catch (error) {
      child = Promise.reject(error);
    }
    // Handled here, at once: waiting until the body is done would be too late for a child failing earlier.
    const settled = child.then(
      () => {},
      (error: unknown) => this.fail(error),
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return child;
  }

  /** Keeps a real failure (once) and cancels the rest; an abort is not a failure. */
  fail(error: unknown): void {
    if (!this.#isAbort(error) && !this.#errors.includes(error)) this.#errors.push(error);
    if (!this.#isAbort(error)) this.abort(new DOMException('another task of the group failed', 'AbortError'));
  }

  abort(reason: unknown): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /** Resolves once no child is left; children may spawn more children meanwhile. Then refuses new ones. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    this.#closed = true;
  }

  #isAbort(error: unknown): boolean {
    const signal = this.#controller.signal;
    if (signal.aborted && error === signal.reason) return true;
    return error instanceof Error && error.name === 'AbortError';
  }
}

export async function taskGroup<T>(body: (group: TaskGroup) => Promise<T>, options: TaskGroupOptions = {}): Promise<T> {
  const { signal } = options;
  signal?.throwIfAborted();
  const group = new Group();
  const onAbort = (): void => group.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await body(group) };
    } catch (error) {
      outcome = { error };
      group.fail(error);
      group.abort(new DOMException('the body of the group failed', 'AbortError'));
    }
    await group.drain();
    if (group.errors.length > 0) throw new AggregateError(group.errors, `taskGroup: ${group.errors.length} task(s) failed`);
    if (signal?.aborted) throw signal.reason;
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
