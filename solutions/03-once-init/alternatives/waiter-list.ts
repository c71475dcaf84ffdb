// An explicit state machine with a list of waiters: each caller gets a promise of its own, and the
// outcome of the single run is handed to all of them, success or failure.
type Waiter<T> = { resolve: (value: T) => void; reject: (reason: unknown) => void };

export function onceAsync<T>(init: () => Promise<T>): () => Promise<T> {
  let state: { kind: 'idle' } | { kind: 'running'; waiters: Waiter<T>[] } | { kind: 'ready'; value: T } = { kind: 'idle' };

  return () => {
    if (state.kind === 'ready') return Promise.resolve(state.value);
    return new Promise<T>((resolve, reject) => {
      if (state.kind === 'running') {
        state.waiters.push({ resolve, reject });
        return;
      }
      const waiters: Waiter<T>[] = [{ resolve, reject }];
      state = { kind: 'running', waiters };
      init().then(
        (value) => {
          state = { kind: 'ready', value };
          for (const waiter of waiters) waiter.resolve(value);
        },
        (error: unknown) => {
          state = { kind: 'idle' };
          for (const waiter of waiters) waiter.reject(error);
        },
      );
    });
  };
}
