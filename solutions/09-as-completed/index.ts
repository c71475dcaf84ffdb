type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function asCompleted<T>(promises: Iterable<PromiseLike<T>>): AsyncIterableIterator<T> {
  // Outcomes in the order they happened, waiting to be handed out.
  const settled: Outcome<T>[] = [];
  let wakeUp: (() => void) | undefined;
  let total = 0;

  const arrive = (outcome: Outcome<T>): void => {
    settled.push(outcome);
    wakeUp?.();
    wakeUp = undefined;
  };

  // Handlers go on every promise right now, at the call, not when the loop first asks for a value:
  // a rejection is then never "unhandled", whether the loop is early, late, or has left.
  for (const promise of promises) {
    total += 1;
    Promise.resolve(promise).then(
      (value) => arrive({ ok: true, value }),
      (error: unknown) => arrive({ ok: false, error }),
    );
  }

  async function* inCompletionOrder(): AsyncGenerator<T> {
    for (let handedOut = 0; handedOut < total; handedOut += 1) {
      if (settled.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
      const outcome = settled.shift()!;
      if (!outcome.ok) throw outcome.error;
      yield outcome.value;
    }
  }
  return inCompletionOrder();
}
