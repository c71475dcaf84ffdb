import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { TestModule } from 'vitest/node';
import { RUN_DIR_ENV, skipKey, skipListPath, timeoutsPath } from '@tickwork/testkit/protocol';
import { implResolver } from './impl-resolver.ts';
import type { RawError, RawModule, RawRun, WatchdogVerdict } from './raw-results.ts';
import { clearHeartbeats, startWatchdog } from './watchdog.ts';

export interface RunRequest {
  root: string;
  /** Test files to run, each with the implementation `#impl` means for its exercise. */
  files: Array<{ file: string; exerciseDir: string; impl: string; timeoutMs: number }>;
  /** Shuffle test order with this seed (verify uses it to catch order dependence). */
  shuffleSeed?: number;
  /** Upper bound for the whole run, real ms; files still unfinished get a timeout verdict. */
  deadlineMs: number;
}

const require = createRequire(import.meta.url);
const SETUP_FILE = require.resolve('@tickwork/testkit/setup');
/**
 * After a round in which a worker was killed, the files it had in hand run again, skipping every test
 * that blocked before. A file whose tests block this often is given up on: its other tests stay "not run".
 */
const MAX_BLOCKS_PER_FILE = 2;
const MAX_ROUNDS = 12;
const NOT_RUN: RawError = { name: 'NotRun', message: 'not run: an earlier test in this file blocked the event loop' };

function toRawError(error: { name?: string; message?: string; stack?: string }): RawError {
  return { name: error.name ?? 'Error', message: error.message ?? String(error), ...(error.stack ? { stack: error.stack } : {}) };
}

/** Enough of what a learner printed to debug with, never enough to flood the scorecard. */
export const OUTPUT_LIMIT = { lines: 20, chars: 2000 };

function capOutput(chunks: string[] | undefined): string | undefined {
  if (!chunks || chunks.length === 0) return undefined;
  const all = chunks.join('').trimEnd();
  const text = all.split('\n').slice(0, OUTPUT_LIMIT.lines).join('\n').slice(0, OUTPUT_LIMIT.chars);
  return text.length < all.length ? `${text}\n… (output cut)` : text;
}

function readModule(module: TestModule, output: Map<string, string[]>): RawModule {
  return {
    file: module.moduleId,
    errors: module.errors().map(toRawError),
    durationMs: module.diagnostic().duration,
    tests: [...module.children.allTests()].map((test) => {
      const result = test.result();
      const meta = test.meta() as { points?: number; public?: boolean };
      return {
        name: test.fullName,
        state: result.state,
        points: meta.points ?? 1,
        ...(meta.public === true ? { public: true as const } : {}),
        errors: (result.errors ?? []).map(toRawError),
        durationMs: test.diagnostic()?.duration ?? 0,
        ...(output.has(test.id) ? { output: capOutput(output.get(test.id)) } : {}),
      };
    }),
  };
}

/** Tests of a file given up on never got to run. */
function markUnfinished(modules: Map<string, RawModule>, verdict: WatchdogVerdict): void {
  for (const test of modules.get(verdict.file)?.tests ?? []) {
    if (test.state !== 'passed' && test.name !== verdict.test) {
      test.state = 'failed';
      test.errors = [NOT_RUN];
    }
  }
}

/**
 * Runs every requested test file in ONE vitest instance (forks pool, files sharing workers), with a
 * watchdog that kills a worker whose loop is blocked. A file that lost its worker is run again with
 * the blocking tests skipped, so its other tests still count.
 */
export async function runTests(request: RunRequest): Promise<RawRun> {
  const runDir = mkdtempSync(join(tmpdir(), 'tickwork-run-'));
  process.env[RUN_DIR_ENV] = runDir;
  const timeoutByFile = new Map(request.files.map((f) => [f.file, f.timeoutMs]));
  writeFileSync(timeoutsPath(runDir), JSON.stringify(Object.fromEntries(timeoutByFile)));
  const implByDir = new Map(request.files.map((f) => [f.exerciseDir, f.impl]));
  const verdicts: WatchdogVerdict[] = [];
  let roundVerdicts: WatchdogVerdict[] = [];
  const watchdog = startWatchdog({
    runDir,
    testBudgetMs: (file) => timeoutByFile.get(file) ?? 5000,
    onVerdict: (verdict) => roundVerdicts.push(verdict),
  });

  const output = new Map<string, string[]>();
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: request.root,
      include: request.files.map((f) => f.file),
      watch: false,
      pool: 'forks',
      isolate: false,
      setupFiles: [SETUP_FILE],
      testTimeout: Math.max(...request.files.map((f) => f.timeoutMs)),
      hookTimeout: 10_000,
      // Our only reporter collects what learner code prints, per test; nothing is printed as it runs.
      reporters: [
        {
          onUserConsoleLog: (log) => {
            if (log.taskId) output.set(log.taskId, [...(output.get(log.taskId) ?? []), log.content]);
          },
        },
      ],
      sequence: request.shuffleSeed === undefined ? {} : { shuffle: true, seed: request.shuffleSeed },
      dangerouslyIgnoreUnhandledErrors: true,
    },
    { plugins: [implResolver(implByDir)], logLevel: 'silent' },
  );

  const modules = new Map<string, RawModule>();
  const deadline = Date.now() + request.deadlineMs;
  let deadlineTimer: NodeJS.Timeout | undefined;
  try {
    let specs = await vitest.globTestSpecifications(request.files.map((f) => f.file));
    const skip = new Set<string>();
    const blockedCount = new Map<string, number>();
    for (let round = 1; specs.length > 0 && round <= MAX_ROUNDS; round++) {
      roundVerdicts = [];
      writeFileSync(skipListPath(runDir), JSON.stringify([...skip]));
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      let overDeadline = false;
      deadlineTimer = setTimeout(() => {
        overDeadline = true;
        void vitest.cancelCurrentRun('keyboard-input');
      }, remaining);
      const result = await vitest.runTestSpecifications(specs, round === 1);
      clearTimeout(deadlineTimer);
      clearHeartbeats(runDir);
      verdicts.push(...roundVerdicts);
      const killed = new Set(roundVerdicts.map((v) => v.file));
      const finished = new Set<string>();
      for (const module of result.testModules) {
        // A worker that was killed takes every file it had in hand with it; those run again.
        if (module.state() === 'pending' || module.state() === 'queued') continue;
        modules.set(module.moduleId, readModule(module, output));
        if (!killed.has(module.moduleId)) finished.add(module.moduleId);
      }
      if (overDeadline) break;
      for (const verdict of roundVerdicts) {
        const blocks = (blockedCount.get(verdict.file) ?? 0) + 1;
        blockedCount.set(verdict.file, blocks);
        // Blocked while importing, or blocking test after test: nothing more of it can run.
        if (verdict.test === null || blocks >= MAX_BLOCKS_PER_FILE) {
          finished.add(verdict.file);
          markUnfinished(modules, verdict);
        } else {
          skip.add(skipKey(verdict.file, verdict.test));
        }
      }
      if (roundVerdicts.length === 0 && specs.every((spec) => !finished.has(spec.moduleId))) break; // no progress
      specs = specs.filter((spec) => !finished.has(spec.moduleId));
    }
  } finally {
    clearTimeout(deadlineTimer);
    watchdog.stop();
    await vitest.close();
    delete process.env[RUN_DIR_ENV];
    rmSync(runDir, { recursive: true, force: true });
  }
  // A file never reached before the deadline still belongs in the results.
  for (const { file } of request.files) {
    if (!modules.has(file)) {
      modules.set(file, { file, errors: [], tests: [], durationMs: 0 });
      verdicts.push({ file, test: null, kind: 'deadline', afterMs: request.deadlineMs });
    }
  }
  return { modules: [...modules.values()], verdicts };
}
