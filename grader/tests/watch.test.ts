import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverExercises } from '../src/discover/discover.ts';
import { grade, type GradeOptions } from '../src/grade.ts';
import { selectExercises } from '../src/plan.ts';
import type { ExerciseResult, Scorecard } from '../src/scorecard.ts';
import { isSourceFile, watchFiles } from '../src/watch/file-watcher.ts';
import { keyOf, listenForKeys, type KeyInput } from '../src/watch/keys.ts';
import { mergeResults, nextUnfinishedAfter } from '../src/watch/merge.ts';
import { checkWatchFlags, pollRequested } from '../src/watch/options.ts';
import { startWatch } from '../src/watch/watch.ts';
import { CLI, REPO_ROOT, runCli } from './run-cli.ts';
import { copyWorkbook } from './workbook-copy.ts';

// Watch mode is driven here as a learner would: keys on its input, saves on disk, its output read
// back. Every wait polls the output for the line expected, with bounds far above what a grade takes
// on a loaded machine; nothing here asserts on speed (that is `pnpm bench --watch`).
const WAIT_MS = 90_000;
const SLOW = { timeout: 240_000 };

const HINTS = '# Hints\n\n## Hint 1\n\nLook at what the stub throws.\n\n## Hint 2\n\nAn async function that returns a number.\n\n## Hint 3\n\nreturn 1;\n';
const SOLVED_14 = 'export async function work(): Promise<number> {\n  return 1;\n}\n';
const EXTRA_TEST_12 = [
  "import { expect, it } from 'vitest';",
  "import { useVirtualClock } from '@tickwork/testkit';",
  "import { work } from '#impl';",
  '',
  'const clock = useVirtualClock();',
  '',
  "it('resolves 7 again', async () => {",
  "  expect((await clock.resolves(work(), 'work()')).value).toBe(7);",
  '});',
  '',
].join('\n');
const BROKEN_01 = 'export async function work(): Promise<number> {\n  return 41;\n}\n';

const KEPT = ['01-healthy', '12-healthy-after-tamper', '14-not-started'];
const copies: Array<() => void> = [];
afterAll(() => copies.forEach((remove) => remove()));

/**
 * A throwaway copy of the failure-kinds fixture cut down to three exercises (two passing, one untouched
 * stub, given hints): small enough that a grade is quick, and never the fixture itself.
 */
function workbook(): string {
  const { root, remove } = copyWorkbook('failure-kinds');
  copies.push(remove);
  for (const slug of readdirSync(join(root, 'exercises'))) {
    if (!KEPT.includes(slug)) rmSync(join(root, 'exercises', slug), { recursive: true, force: true });
  }
  writeFileSync(join(root, 'exercises', '14-not-started', 'hints.md'), HINTS);
  return root;
}

class Captured extends Writable {
  text = '';
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

/** Polls `read()` from `from` on until `pattern` shows; returns the text from `from` to the end of the match. */
async function waitFor(read: () => string, pattern: RegExp, from = 0, timeoutMs = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read().slice(from));
    if (match) return read().slice(from, from + match.index + match[0].length);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output after ${timeoutMs} ms; output from there:\n${read().slice(from)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One watch session on a fresh workbook, with a grade function that records what it was asked. */
function session(watcher: { poll?: boolean; pollIntervalMs?: number } = {}) {
  const root = workbook();
  const input = new PassThrough();
  const output = new Captured();
  const asked: string[][] = [];
  const gradeFn = (options: GradeOptions): Promise<Scorecard> => {
    asked.push(options.exercises.map((e) => e.slug));
    return grade(options);
  };
  const exercises = selectExercises(discoverExercises(root), []);
  const done = startWatch({ root, exercises, lang: 'en', input, output, gradeFn, watcher });
  const state = () => JSON.parse(readFileSync(join(root, '.tickwork', 'state.json'), 'utf8')) as { exercises: Record<string, { hintsRevealed: number; bestPoints: number }> };
  return { root, input, output, asked, done, state, read: () => output.text };
}

/** Handles a file watcher holds open: fs.watch and fs.watchFile. */
const watcherHandles = (): string[] => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'StatWatcher');
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/**
 * Waits until no more timers are pending than before the session: a grade still running when `q` came
 * may leave vitest's own short timers for a moment, but a poll loop that never stopped would stay.
 */
async function timersBackTo(count: number): Promise<void> {
  await waitFor(() => (timers() <= count ? 'back' : ''), /back/, 0, 10_000);
}

describe('pnpm grade --watch, driven through its API', () => {
  let s: ReturnType<typeof session>;
  let sigintListeners: number;
  let timersBefore: number;
  beforeAll(async () => {
    sigintListeners = process.listenerCount('SIGINT');
    timersBefore = timers();
    s = session();
    await waitFor(s.read, /keys: h hint/);
  }, WAIT_MS);
  afterAll(() => void s.input.write('q'));

  it('grades every exercise once and prints the whole scorecard', () => {
    expect(s.asked).toEqual([['01-healthy', '12-healthy-after-tamper', '14-not-started']]);
    expect(s.read()).toMatch(/01-healthy .*passed/);
    expect(s.read()).toMatch(/12-healthy-after-tamper .*passed/);
    expect(s.read()).toMatch(/14-not-started .*to do/);
    expect(s.read()).toContain('total 4/5 points');
    expect(s.read()).toMatch(/watching 3 exercises: .*\(file events/);
    expect(watcherHandles().length, 'one fs.watch per src/ and tests/ folder').toBe(6);
  });

  it('l lists every exercise from the last results, rows only, without grading again', async () => {
    const from = s.read().length;
    s.input.write('l');
    const list = await waitFor(s.read, /keys: h hint/, from);
    for (const slug of ['01-healthy', '12-healthy-after-tamper', '14-not-started']) expect(list).toContain(slug);
    expect(list).toContain('total 4/5 points');
    expect(list).not.toContain('not started: write work');
    expect(s.asked).toHaveLength(1);
  });

  it('n focuses the next unfinished exercise: its title, README and status', async () => {
    const from = s.read().length;
    s.input.write('n');
    const focus = await waitFor(s.read, /keys: h hint/, from);
    expect(focus).toContain('→ 14-not-started — not started');
    expect(focus).toContain('exercises/14-not-started/README.md · to do · 0/1 points');
  });

  it('h reveals the next hint of the exercise in focus and records it in the state file', async () => {
    let from = s.read().length;
    s.input.write('h');
    const first = await waitFor(s.read, /keys: h hint/, from);
    expect(first).toContain('14-not-started · Hint 1 of 3');
    expect(first).toContain('Look at what the stub throws.');
    expect(first).toContain('press h again for hint 2');
    expect(s.state().exercises['14-not-started']?.hintsRevealed).toBe(1);
    from = s.read().length;
    s.input.write('h');
    expect(await waitFor(s.read, /keys: h hint/, from)).toContain('Hint 2 of 3');
    expect(s.state().exercises['14-not-started']?.hintsRevealed).toBe(2);
  });

  it('re-grades only the exercise whose file was saved, and prints it with the new totals', SLOW, async () => {
    const from = s.read().length;
    writeFileSync(join(s.root, 'exercises', '14-not-started', 'src', 'index.ts'), SOLVED_14);
    const block = await waitFor(s.read, /keys: h hint/, from);
    expect(block).toContain('↻ 14-not-started changed: grading…');
    expect(block).toMatch(/14-not-started .*passed .*1\/1/);
    expect(block).not.toContain('01-healthy');
    expect(block).toContain('total 5/5 points · 3/3 exercises passed');
    expect(block).toContain('every exercise passes');
    expect(s.asked.length).toBeGreaterThan(1);
    for (const slugs of s.asked.slice(1)) expect(slugs).toEqual(['14-not-started']);
    expect(s.state().exercises['14-not-started']?.bestPoints).toBe(1);
  });

  it('grades a test file added after the start at the next save', SLOW, async () => {
    const from = s.read().length;
    writeFileSync(join(s.root, 'exercises', '12-healthy-after-tamper', 'tests', 'extra.test.ts'), EXTRA_TEST_12);
    const block = await waitFor(s.read, /keys: h hint/, from);
    expect(block).toContain('↻ 12-healthy-after-tamper changed: grading…');
    expect(block).toMatch(/12-healthy-after-tamper .*passed +1\/1 +2\/2/);
  });

  it('q quits with exit code 0 and leaves no watcher, timer or signal listener behind', async () => {
    s.input.write('q');
    expect(await s.done).toBe(0);
    expect(s.read()).toContain('stopped watching.');
    expect(watcherHandles()).toEqual([]);
    await timersBackTo(timersBefore);
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
    expect(s.input.isPaused()).toBe(true);
  });
});

describe('pnpm grade --watch --poll', () => {
  it('notices a save by polling, without any fs.watch, and Ctrl-C quits cleanly', SLOW, async () => {
    const timersBefore = timers();
    const s = session({ poll: true, pollIntervalMs: 300 });
    await waitFor(s.read, /keys: h hint/);
    expect(s.read()).toMatch(/watching 3 exercises: .*\(checking every 300 ms\)/);
    expect(watcherHandles()).toEqual([]);
    const from = s.read().length;
    writeFileSync(join(s.root, 'exercises', '01-healthy', 'src', 'index.ts'), BROKEN_01);
    const block = await waitFor(s.read, /keys: h hint/, from);
    expect(block).toContain('↻ 01-healthy changed: grading…');
    expect(block).toMatch(/01-healthy .*failed .*0\/3/);
    expect(block).toContain('total 1/5 points · 1/3 exercises passed');
    expect(s.asked.length).toBeGreaterThan(1);
    for (const slugs of s.asked.slice(1)) expect(slugs).toEqual(['01-healthy']);
    s.input.write('\u0003');
    expect(await s.done).toBe(0);
    await timersBackTo(timersBefore);
  });
});

/**
 * Starts `tickwork grade --watch 14` on a fresh workbook, in a pseudo-terminal through script(1) or
 * with plain pipes, types `q` once the first scorecard is up, and reports how the process ended.
 */
async function quitTheCli(via: 'terminal' | 'pipe'): Promise<{ code: unknown; text: string }> {
  const root = workbook();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TICKWORK_RUN_DIR'));
  const args = [CLI, 'grade', '--watch', '14', '--root', root];
  // What we write to script's stdin is typed into the pseudo-terminal the CLI runs in.
  const child =
    via === 'terminal'
      ? spawn('/usr/bin/script', ['-qfc', [process.execPath, ...args].join(' '), '/dev/null'], { cwd: REPO_ROOT, env: { ...env, NO_COLOR: '1' } })
      : spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...env, NO_COLOR: '1' } });
  let text = '';
  child.stdout.on('data', (chunk) => (text += String(chunk)));
  child.stderr.on('data', (chunk) => (text += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => text, /keys: h hint/);
    child.stdin.write('q');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), WAIT_MS))]);
    return { code, text };
  } finally {
    child.kill();
  }
}

describe('the watch as a process of its own', () => {
  it('in a terminal, acts on a key without Enter (raw mode) and exits 0 on q', SLOW, async () => {
    const { code, text } = await quitTheCli('terminal');
    expect(code, text).toBe(0);
    expect(text).toContain('stopped watching.');
  });

  it('with keys on a pipe, exits 0 on q: nothing it opened keeps the process alive', SLOW, async () => {
    const { code, text } = await quitTheCli('pipe');
    expect(code, text).toBe(0);
    expect(text).toContain('stopped watching.');
  });
});

describe('watch mode pieces', () => {
  const result = (slug: string, order: number, status: ExerciseResult['status'], points: number, maxPoints: number): ExerciseResult => ({
    slug,
    title: slug,
    module: 1,
    order,
    status,
    points,
    maxPoints,
    durationMs: 1,
    tests: [],
    hints: `exercises/${slug}/hints.md`,
  });
  const card = (exercises: ExerciseResult[]): Scorecard => ({
    schema: 'tickwork.scorecard/v1',
    target: 'stubs',
    createdAt: '2026-11-29T00:00:00.000Z',
    durationMs: 1,
    totals: { points: 0, maxPoints: 0, exercises: 0, passed: 0 },
    next: exercises.find((e) => e.status !== 'passed')?.slug ?? null,
    exercises,
  });

  it('merges a partial re-grade into the last scorecard and computes totals and next again', () => {
    const last = card([result('01-a', 1, 'passed', 2, 2), result('02-b', 2, 'failed', 0, 3), result('03-c', 3, 'partial', 1, 4)]);
    const merged = mergeResults(last, card([result('02-b', 2, 'passed', 3, 3)]));
    expect(merged.exercises.map((e) => e.slug)).toEqual(['01-a', '02-b', '03-c']);
    expect(merged.totals).toEqual({ points: 6, maxPoints: 9, exercises: 3, passed: 2 });
    expect(merged.next).toBe('03-c');
  });

  it('n walks through the unfinished exercises after the one in focus, wrapping around', () => {
    const c = card([result('01-a', 1, 'failed', 0, 1), result('02-b', 2, 'passed', 1, 1), result('03-c', 3, 'partial', 1, 2)]);
    expect(nextUnfinishedAfter(c, null)?.slug).toBe('01-a');
    expect(nextUnfinishedAfter(c, '01-a')?.slug).toBe('03-c');
    expect(nextUnfinishedAfter(c, '03-c')?.slug).toBe('01-a');
    expect(nextUnfinishedAfter(card([result('01-a', 1, 'passed', 1, 1)]), null)).toBeUndefined();
  });

  it('knows the keys rustlings has, and Ctrl-C', () => {
    expect(['h', 'n', 'l', 'q', '\u0003', 'x', '\r'].map(keyOf)).toEqual(['hint', 'next', 'list', 'quit', 'quit', undefined, undefined]);
  });

  it('puts a terminal in raw mode while it listens and gives it back after', () => {
    const modes: boolean[] = [];
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => modes.push(mode) }) as KeyInput;
    const stop = listenForKeys(input, () => {});
    expect(modes).toEqual([true]);
    stop();
    expect(modes).toEqual([true, false]);
  });

  it('ignores the files editors write next to the one saved', () => {
    expect(['index.ts', 'helper.mjs', 'data.json', null].map(isSourceFile)).toEqual([true, true, true, true]);
    expect(['4913', 'index.ts~', '.index.ts.swp', 'index.ts___jb_tmp___'].map(isSourceFile)).toEqual([false, false, false, false]);
  });

  it('falls back to polling when file events cannot be had, and still notices a save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickwork-watch-fallback-'));
    writeFileSync(join(dir, 'index.ts'), 'export {};\n');
    const changed: string[] = [];
    const reasons: string[] = [];
    const watcher = watchFiles({
      exercises: [{ slug: '01-a', dirs: [dir] }],
      poll: false,
      pollIntervalMs: 50,
      onChange: (slug) => changed.push(slug),
      onFallback: (reason) => reasons.push(reason),
      watchFolder: (): FSWatcher => {
        throw Object.assign(new Error('no inotify watches left'), { code: 'ENOSPC' });
      },
    });
    try {
      expect(watcher.mode).toBe('poll');
      expect(reasons).toEqual(['ENOSPC']);
      writeFileSync(join(dir, 'index.ts'), 'export const changed = true;\n');
      await waitFor(() => changed.join(), /01-a/, 0, 10_000);
    } finally {
      await watcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses options that do not go with --watch, in one line', () => {
    expect(() => checkWatchFlags({ poll: true }, 'en')).toThrow('--poll only works with --watch');
    expect(() => checkWatchFlags({ watch: true, json: 'x.json' }, 'en')).toThrow('--watch cannot be combined with --json');
    expect(() => checkWatchFlags({ watch: true, solutions: true }, 'tr')).toThrow('--watch, --solutions ile birlikte kullanılamaz');
    expect(pollRequested(false, { TICKWORK_WATCH_POLL: '1' })).toBe(true);
    expect(pollRequested(false, {})).toBe(false);
  });

  it('says so through the CLI: exit 2 and one line', () => {
    const result = runCli(['grade', '18', '--watch', '--json', 'card.json']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('tickwork: --watch cannot be combined with --json');
  });
});
