// The mistake: a failure is recorded but nothing is cancelled. The other children (and, when the body
// fails, all of them) keep running to the end, and the group reports the failure only then.
export interface TaskGroup {
  spawn<R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

export interface TaskGroupOptions {
  signal?: AbortSignal;
}

const isAbortError = (reason: unknown, signal: AbortSignal): boolean =>
  (signal.aborted && reason === signal.reason) || (reason as { name?: unknown } | null)?.name === 'AbortError';

export async function taskGroup<T>(body: (group: TaskGroup) => Promise<T>, options: TaskGroupOptions = {}): Promise<T> {
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer!.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const errors: unknown[] = [];
  const record = (error: unknown): void => {
    if (!isAbortError(error, controller.signal) && !errors.includes(error)) errors.push(error);
  };
  const pending = new Set<Promise<unknown>>();
  let closed = false;
  const spawn = <R>(fn: (signal: AbortSignal) => Promise<R>): Promise<R> => {
    if (closed) throw new Error('taskGroup: cannot spawn, the group has already settled');
    const child = fn(controller.signal);
    const settled = child.then(() => {}, record).finally(() => pending.delete(settled));
    pending.add(settled);
    return child;
  };
  let value: T | undefined;
  try {
    value = await body({ spawn });
  } catch (error) {
    record(error);
  }
  while (pending.size > 0) await Promise.allSettled([...pending]);
  closed = true;
  outer?.removeEventListener('abort', onOuterAbort);
  if (errors.length > 0) throw new AggregateError(errors, `taskGroup: ${errors.length} task(s) failed`);
  if (outer?.aborted) throw outer.reason;
  return value as T;
}
