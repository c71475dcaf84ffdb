// The mistake: catching each mapper's error to "finish the rest first" and throwing at the end.
// The mappers after the failing one still run, and the caller hears about the failure late.
export async function pMapSeries<T, R>(
  input: Iterable<T | PromiseLike<T>>,
  mapper: (element: T, index: number) => R | PromiseLike<R>,
): Promise<R[]> {
  const results: R[] = [];
  let firstError: { error: unknown } | undefined;
  let index = 0;
  for (const element of input) {
    try {
      results.push(await mapper(await element, index));
    } catch (error) {
      firstError ??= { error };
    }
    index += 1;
  }
  if (firstError) throw firstError.error;
  return results;
}
