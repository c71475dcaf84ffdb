import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { ApiError, FakeLlm, check, realTimers, useVirtualClock } from '@tickwork/testkit';
import { runBatch } from '../../../solutions/27-llm-batch/index.ts';

// The capstone's promise to a learner: a batch that would take over ten minutes against a real API
// runs in well under a second on the virtual clock. Measured here, reported by `pnpm bench`.
const clock = useVirtualClock();
const PROMPTS = 200;

it(`runBatch: ${PROMPTS} prompts`, async () => {
  const api = new FakeLlm({
    now: clock.now,
    latencyMs: 1500,
    // Every 20th prompt is rate-limited once and every 50th hangs once, so retries and timeouts are in the mix.
    respond: ({ prompt }, { attempt }) => {
      const n = Number(prompt.split(' ')[1]);
      if (attempt === 1 && n % 20 === 0) return { error: new ApiError(429, { 'retry-after': '2' }) };
      if (attempt === 1 && n % 50 === 0) return { hang: true };
      return undefined;
    },
  });
  const prompts = Array.from({ length: PROMPTS }, (_, i) => `prompt ${i} please summarise`);
  const started = realTimers.now();
  const { value: results, at } = await clock.resolves(
    runBatch(api, prompts, { concurrency: 8, requestsPerMinute: 20, tokensPerMinute: 10_000, attemptTimeoutMs: 10_000, maxRetries: 3 }),
    'runBatch',
  );
  const realMs = realTimers.now() - started;
  check(results.every((r) => r.status === 'fulfilled'), 'the reference solution failed a prompt');
  writeFileSync(process.env.BENCH_OUT!, JSON.stringify({ prompts: PROMPTS, calls: api.calls.length, virtualMs: at, realMs }));
});
