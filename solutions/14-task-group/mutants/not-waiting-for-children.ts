// The mistake: the group only waits for the body, as a bare `await body(group)` would. Children the
// body did not await are still running when the group resolves, and their failures are never reported.
export interface TaskGroup {
  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface TaskGroupOptions {
  signal?: AbortSignal;
}

export async function taskGroup<T>(body: (group: TaskGroup) => Promise<T>, options: TaskGroupOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer!.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let closed = false;
  const spawn = <R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R> => {
    if (closed) throw new Error('taskGroup: cannot spawn, the group has already settled');
    const child = fn(controller.signal);
    child.catch(() => {});
    return child;
  };
  try {
    return await body({ spawn });
  } catch (error) {
    controller.abort();
    if (outer?.aborted) throw outer.reason;
    throw new AggregateError([error], 'taskGroup: the body failed');
  } finally {
    closed = true;
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
