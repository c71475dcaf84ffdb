// The mistake: the listener put on the caller's signal is never removed. A long-lived signal (one per
// server, one per page) collects a listener, and everything it holds, for every group ever run.
export interface TaskGroup {
  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface TaskGroupOptions {
  signal?: AbortSignal;
}

/** True for a rejection that only says "I was aborted": the group's own reason, or any AbortError. */
function isAbortRejection(reason: unknown, groupSignal: AbortSignal): boolean {
  if (groupSignal.aborted && reason === groupSignal.reason) return true;
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'AbortError';
}

/** Calls fn and turns a synchronous throw into a rejection, so both are handled the same way. */
function start<R>(fn: () => PromiseLike<R> | R): Promise<R> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

export function taskGroup<T>(
  body: (group: TaskGroup) => Promise<T>,
  options: TaskGroupOptions = {},
): Promise<T> {
  const outer = options.signal;
  // An already-cancelled caller gets its reason back; the body never runs.
  if (outer?.aborted) return Promise.reject(outer.reason);

  return new Promise<T>((resolve, reject) => {
    const children = new AbortController();
    const errors: unknown[] = [];
    let running = 0;
    let bodyOutcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    let closed = false;

    const shutDown = (): void => {
      if (!children.signal.aborted) children.abort(new DOMException('another task of the group failed', 'AbortError'));
    };
    const onOuterAbort = (): void => {
      if (!children.signal.aborted) children.abort(outer!.reason);
    };
    outer?.addEventListener('abort', onOuterAbort, { once: true });

    // A real failure is kept (once, even when the body rethrows a child's error) and stops the others.
    const recordFailure = (error: unknown): void => {
      if (isAbortRejection(error, children.signal)) return;
      if (!errors.includes(error)) errors.push(error);
      shutDown();
    };

    // Runs after every settlement; the last one (body done, no child left) settles the group.
    const settleIfDone = (): void => {
      if (closed || bodyOutcome === undefined || running > 0) return;
      closed = true;
      if (errors.length > 0) reject(new AggregateError(errors, `taskGroup: ${errors.length} task(s) failed`));
      else if (outer?.aborted) reject(outer.reason);
      else if (!bodyOutcome.ok) reject(bodyOutcome.error);
      else resolve(bodyOutcome.value);
    };

    const spawn = <R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R> => {
      if (closed) throw new Error('taskGroup: cannot spawn, the group has already settled');
      running += 1;
      const child = start(() => fn(children.signal));
      // This handler also marks `child` as handled: a body that never awaits it causes no unhandled rejection.
      child.then(
        () => {
          running -= 1;
          settleIfDone();
        },
        (error: unknown) => {
          recordFailure(error);
          running -= 1;
          settleIfDone();
        },
      );
      return child;
    };

    start(() => body({ spawn })).then(
      (value) => {
        bodyOutcome = { ok: true, value };
        settleIfDone();
      },
      (error: unknown) => {
        bodyOutcome = { ok: false, error };
        recordFailure(error);
        // Even a body that was itself aborted means nobody is left to use the children's results.
        shutDown();
        settleIfDone();
      },
    );
  });
}
