import { RUN_DIR_ENV } from '../protocol.ts';

/**
 * Vitest captures console.* in the workers and attributes each line to its test; a raw
 * process.stdout.write would instead go straight to the grader's terminal, in the middle of the
 * scorecard. Raw writes are sent through console, so they are captured and attributed too.
 */
export function routeRawOutputThroughConsole(): void {
  if (!process.env[RUN_DIR_ENV]) return; // outside the grader, raw output may go where it likes
  for (const [stream, method] of [
    [process.stdout, 'log'],
    [process.stderr, 'error'],
  ] as const) {
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
      console[method](text.replace(/\n$/, ''));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
