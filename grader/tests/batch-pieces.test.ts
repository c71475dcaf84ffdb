import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flagsOf } from '../src/batch/flags.ts';
import { renderGradebook } from '../src/batch/gradebook.ts';
import { learnerEntry } from '../src/batch/learner-entry.ts';
import { BATCH_SCHEMA, type BatchLearner, type BatchManifest, type BatchShard, type LearnerFlag } from '../src/batch/manifest.ts';
import { mergeBatches, readBatchInput, writeBatchOutput, type BatchInput } from '../src/batch/merge.ts';
import { createProgress, type ProgressStream } from '../src/batch/progress.ts';
import { learnersOfShard, parseShard } from '../src/batch/shard.ts';
import { UsageError } from '../src/errors.ts';
import { SCORECARD_SCHEMA, type ExerciseStatus, type Scorecard } from '../src/scorecard.ts';

// ── fixtures ────────────────────────────────────────────────────────────────────────────────────

const COLUMNS = [
  { slug: '01-task-queues', maxPoints: 4 },
  { slug: '02-promise-all', maxPoints: 6 },
  { slug: '03-retry', maxPoints: 10 },
];

type Row = [status: ExerciseStatus, points: number];

/** A scorecard over COLUMNS; `rows` gives each exercise's status and points, in column order. */
function scorecard(rows: Row[], extra: Partial<Scorecard> = {}): Scorecard {
  const exercises = COLUMNS.map((column, i) => {
    const [status, points] = rows[i] ?? ['failed', 0];
    return { slug: column.slug, title: column.slug, module: 1, order: i + 1, status, points, maxPoints: column.maxPoints, durationMs: 5, tests: [], hints: `exercises/${column.slug}/hints.md` };
  });
  const points = exercises.reduce((sum, e) => sum + e.points, 0);
  const maxPoints = exercises.reduce((sum, e) => sum + e.maxPoints, 0);
  return {
    schema: SCORECARD_SCHEMA,
    target: 'stubs',
    createdAt: '2026-01-01T00:00:00.000Z',
    durationMs: 100,
    totals: { points, maxPoints, exercises: exercises.length, passed: exercises.filter((e) => e.status === 'passed').length },
    next: null,
    exercises,
    provenance: { base: 'b'.repeat(40), testsHash: 'sha256:abc', learnerFiles: ['exercises/*/src/**'] },
    tampering: [],
    ...extra,
  };
}

const ABORTED_ROWS: Row[] = [['error', 0], ['error', 0], ['error', 0]];

function manifestOf(learners: BatchLearner[], shard: BatchShard | null = null, over: Partial<BatchManifest> = {}): BatchManifest {
  return { schema: BATCH_SCHEMA, createdAt: '2026-01-01T00:00:00.000Z', base: 'b'.repeat(40), testsHash: 'sha256:abc', exercises: COLUMNS, shard, learners, ...over };
}

/** Deterministic pseudo-random numbers (mulberry32): the property tests see the same cases every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, but nothing was thrown');
}

const temp = mkdtempSync(join(tmpdir(), 'tickwork-batch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let folders = 0;
const freshDir = (): string => {
  const dir = join(temp, `case-${++folders}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

// ── flags and the learner's row ─────────────────────────────────────────────────────────────────

describe('flagsOf', () => {
  it('flags nothing for a clean submission, even with failed and partial exercises', () => {
    expect(flagsOf(scorecard([['passed', 4], ['partial', 3], ['failed', 0]]))).toEqual([]);
  });

  it('flags tampering only when some change was listed', () => {
    expect(flagsOf(scorecard([['passed', 4]], { tampering: [] }))).toEqual([]);
    expect(flagsOf(scorecard([['passed', 4]], { tampering: [{ file: 'grader/src/cli.ts', change: 'modified' }] }))).toEqual(['tampered']);
  });

  it('flags a crashed run as crashed only, although every exercise reads error', () => {
    expect(flagsOf(scorecard(ABORTED_ROWS, { aborted: { reason: 'crashed', message: 'killed by SIGKILL' } }))).toEqual(['crashed']);
  });

  it('flags a run stopped at its deadline as timed-out only, although exercises read timeout', () => {
    const rows: Row[] = [['timeout', 0], ['error', 0], ['error', 0]];
    expect(flagsOf(scorecard(rows, { aborted: { reason: 'timed-out', message: 'stopped after 120 s' } }))).toEqual(['timed-out']);
  });

  it('flags a blocked exercise and an erroring exercise, in the fixed order after tampered', () => {
    const card = scorecard([['error', 0], ['timeout', 2], ['passed', 10]], { tampering: [{ file: 'package.json', change: 'modified' }] });
    expect(flagsOf(card)).toEqual<LearnerFlag[]>(['tampered', 'blocked', 'error']);
  });

  it('keeps tampered beside crashed', () => {
    const card = scorecard(ABORTED_ROWS, { tampering: [{ file: 'x', change: 'added' }], aborted: { reason: 'crashed', message: 'exit 1' } });
    expect(flagsOf(card)).toEqual(['tampered', 'crashed']);
  });
});

describe('learnerEntry', () => {
  it('carries totals, points per exercise slug, flags and the scorecard path as given', () => {
    const entry = learnerEntry('alice', scorecard([['passed', 4], ['partial', 3], ['timeout', 1]]), 'scorecards/alice.json');
    expect(entry).toEqual({
      name: 'alice',
      scorecard: 'scorecards/alice.json',
      points: 8,
      maxPoints: 20,
      exercises: { '01-task-queues': 4, '02-promise-all': 3, '03-retry': 1 },
      flags: ['blocked'],
    });
  });
});

// ── shards ──────────────────────────────────────────────────────────────────────────────────────

describe('parseShard', () => {
  it('reads i/n as written on the command line', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('10/10')).toEqual({ index: 10, count: 10 });
  });

  it.each(['0/5', '6/5', 'x', '1/0', '1.5/3', '', '2/', '/5', '-1/5', '2/5/1', '2\n/5'])('refuses %j with a one-line usage error', (text) => {
    const error = usageErrorOf(() => parseShard(text));
    expect(error.message).toContain('--shard');
    expect(error.message).toContain('i/n');
  });
});

describe('learnersOfShard', () => {
  it('sorts by code point, not by locale or UTF-16 unit', () => {
    // U+FF5E sorts before U+1F600 by code point; as UTF-16 units (0xD83D…) the emoji would come first.
    const names = ['b', 'B', '\u{1F600}', '\uFF5E', 'a', 'é'];
    expect(learnersOfShard(names, null)).toEqual(['B', 'a', 'b', 'é', '\uFF5E', '\u{1F600}']);
  });

  it('splits any class into disjoint, contiguous, balanced shards whose union is every learner once', () => {
    const next = random(6);
    for (let n = 0; n <= 45; n++) {
      const names = Array.from({ length: n }, (_, i) => `learner-${String(Math.floor(next() * 1e6)).padStart(6, '0')}-${i}`);
      const sorted = learnersOfShard(names, null);
      for (let count = 1; count <= 12; count++) {
        const shards = Array.from({ length: count }, (_, i) => learnersOfShard(names, { index: i + 1, count }));
        // contiguous in sorted order, disjoint, union = all: concatenating the shards gives the sorted class.
        expect(shards.flat()).toEqual(sorted);
        const sizes = shards.map((shard) => shard.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // stable: the order the folder listing came in does not matter.
        const reordered = shuffled(names, next);
        for (let i = 0; i < count; i++) expect(learnersOfShard(reordered, { index: i + 1, count })).toEqual(shards[i]);
      }
    }
  });
});

// ── gradebook.csv ───────────────────────────────────────────────────────────────────────────────

const TRICKY_NAMES = ['smith, jane', 'the "ace"', 'two\nlines', 'cr\r\nlf', '=HYPERLINK("http://evil","x")', '+1', '-2', '@SUM(A1)', '\tTAB', 'zed', 'Ünal'];

function learnerOf(name: string, points: [number, number, number], flags: LearnerFlag[] = []): BatchLearner {
  const exercises = Object.fromEntries(COLUMNS.map((column, i) => [column.slug, points[i]!]));
  return { name, scorecard: `scorecards/${name}.json`, points: points[0] + points[1] + points[2], maxPoints: 20, exercises, flags };
}

describe('renderGradebook', () => {
  const next = random(42);
  const learners = TRICKY_NAMES.map((name, i) =>
    learnerOf(name, [Math.floor(next() * 5), Math.floor(next() * 7), Math.floor(next() * 11)], i % 3 === 0 ? ['tampered', 'error'] : i % 3 === 1 ? ['crashed'] : []),
  );
  const text = renderGradebook(manifestOf(shuffled(learners, next)));
  const records = parse(text, { relax_column_count: false }) as string[][];

  it('ends every record with CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('learner,01-task-queues,02-promise-all,03-retry,total,max,percent,flags');
  });

  it('has a header and one row per learner, sorted by name, that parse back to the same values', () => {
    expect(records[0]).toEqual(['learner', ...COLUMNS.map((c) => c.slug), 'total', 'max', 'percent', 'flags']);
    expect(records).toHaveLength(learners.length + 1);
    const byName = [...learners].sort((a, b) => (a.name < b.name ? -1 : 1));
    const shown = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
    records.slice(1).forEach((record, i) => {
      const learner = byName[i]!;
      expect(record[0]).toBe(shown(learner.name));
      COLUMNS.forEach((column, c) => expect(Number(record[c + 1])).toBe(learner.exercises[column.slug]));
      expect(Number(record[4])).toBe(learner.points);
      expect(record[5]).toBe('20');
      expect(record[6]).toBe(((learner.points / 20) * 100).toFixed(1));
      expect(record[7]).toBe(learner.flags.join(';'));
    });
  });

  it('starts no learner cell with a formula character: such names get an apostrophe', () => {
    const names = records.slice(1).map((record) => record[0]!);
    for (const name of names) expect(name).not.toMatch(/^[=+\-@\t\r]/);
    expect(names).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(names).toContain(`'@SUM(A1)`);
    expect(names).toContain('smith, jane');
    expect(names).toContain('two\nlines');
  });

  it('writes one decimal of percent and an empty cell for an exercise the learner was not graded on', () => {
    const partial: BatchLearner = { name: 'p', scorecard: 'scorecards/p.json', points: 2, maxPoints: 3, exercises: { '01-task-queues': 2 }, flags: [] };
    const [, row] = parse(renderGradebook(manifestOf([partial]))) as string[][];
    expect(row).toEqual(['p', '2', '', '', '2', '3', '66.7', '']);
  });
});

// ── merge ───────────────────────────────────────────────────────────────────────────────────────

const CLASS: Array<[string, Scorecard]> = [
  ['alice', scorecard([['passed', 4], ['passed', 6], ['partial', 7]])],
  ['bob', scorecard(ABORTED_ROWS, { aborted: { reason: 'crashed', message: 'killed by SIGKILL' } })],
  ['carol', scorecard([['passed', 4], ['timeout', 2], ['failed', 0]])],
  ['dave, jr', scorecard([['error', 0], ['passed', 6], ['passed', 10]], { tampering: [{ file: 'exercises/03-retry/tests/a.test.ts', change: 'modified' }] })],
  ['eve', scorecard([['partial', 1], ['failed', 0], ['failed', 0]])],
  ['=frank', scorecard([['passed', 4], ['passed', 6], ['passed', 10]])],
  ['grace', scorecard([['failed', 0], ['partial', 3], ['partial', 5]])],
];

/** A batch output folder as a run writes it: scorecards/<name>.json and batch.json. */
function writeRun(dir: string, names: string[], shard: BatchShard | null, over: Partial<BatchManifest> = {}): BatchManifest {
  mkdirSync(join(dir, 'scorecards'), { recursive: true });
  const learners = names.map((name) => {
    const card = CLASS.find(([n]) => n === name)![1];
    writeFileSync(join(dir, 'scorecards', `${name}.json`), `${JSON.stringify(card, null, 2)}\n`);
    return learnerEntry(name, card, `scorecards/${name}.json`);
  });
  const manifest = manifestOf(learners, shard, over);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify(manifest));
  return manifest;
}

const names = CLASS.map(([name]) => name);

function shardsOf(count: number, over: (index: number) => Partial<BatchManifest> = () => ({})): string[] {
  const root = freshDir();
  return Array.from({ length: count }, (_, i) => {
    const dir = join(root, `shard-${i + 1}`);
    const shard = { index: i + 1, count };
    writeRun(dir, learnersOfShard(names, shard), shard, over(i + 1));
    return dir;
  });
}

describe('mergeBatches and writeBatchOutput', () => {
  it('joins three shards of a class into the gradebook a single run gives', () => {
    const single = renderGradebook(manifestOf(CLASS.map(([name, card]) => learnerEntry(name, card, `scorecards/${name}.json`))));
    const dirs = shardsOf(3);
    // one input named by its batch.json, the others by their folder
    const inputs = [readBatchInput(join(dirs[2]!, 'batch.json')), readBatchInput(dirs[0]!), readBatchInput(dirs[1]!)];
    const { manifest, scorecards } = mergeBatches(inputs, new Date('2026-02-02T00:00:00Z'));
    const out = join(freshDir(), 'gradebook');
    writeBatchOutput(out, manifest, scorecards);

    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toBe(single);
    const written = JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')) as BatchManifest;
    expect(written.shard).toBeNull();
    expect(written.createdAt).toBe('2026-02-02T00:00:00.000Z');
    expect(written.learners.map((l) => l.name)).toEqual(learnersOfShard(names, null));
    for (const learner of written.learners) {
      expect(learner.scorecard).toBe(`scorecards/${learner.name}.json`);
      const copied = JSON.parse(readFileSync(join(out, learner.scorecard), 'utf8')) as Scorecard;
      expect(copied).toEqual(CLASS.find(([n]) => n === learner.name)![1]);
    }
    expect(readdirSync(out).sort()).toEqual(['batch.json', 'gradebook.csv', 'scorecards']);
    // and the merged output is itself a valid input
    expect(readBatchInput(out).manifest.learners).toHaveLength(CLASS.length);
  });

  it('joins whole runs over different learners (two sections of a class)', () => {
    const root = freshDir();
    writeRun(join(root, 'a'), ['alice', 'bob'], null);
    writeRun(join(root, 'b'), ['carol'], null);
    const { manifest } = mergeBatches([readBatchInput(join(root, 'b')), readBatchInput(join(root, 'a'))]);
    expect(manifest.learners.map((l) => l.name)).toEqual(['alice', 'bob', 'carol']);
  });

  describe('refuses, naming the files', () => {
    const inputsOf = (dirs: string[]): BatchInput[] => dirs.map((dir) => readBatchInput(dir));

    it('shards graded against a different base commit', () => {
      const dirs = shardsOf(2, (i) => (i === 2 ? { base: 'c'.repeat(40) } : {}));
      const error = usageErrorOf(() => mergeBatches(inputsOf(dirs)));
      expect(error.message).toMatch(/different base commits/);
      expect(error.message).toContain(join(dirs[0]!, 'batch.json'));
      expect(error.message).toContain(join(dirs[1]!, 'batch.json'));
    });

    it('shards graded with different tests', () => {
      const dirs = shardsOf(2, (i) => (i === 2 ? { testsHash: 'sha256:def' } : {}));
      const error = usageErrorOf(() => mergeBatches(inputsOf(dirs)));
      expect(error.message).toMatch(/different tests/);
      expect(error.message).toContain(join(dirs[1]!, 'batch.json'));
    });

    it('shards with different exercise columns', () => {
      const dirs = shardsOf(2, (i) => (i === 2 ? { exercises: COLUMNS.slice(0, 2) } : {}));
      const error = usageErrorOf(() => mergeBatches(inputsOf(dirs)));
      expect(error.message).toMatch(/different exercise columns \(column 3: 03-retry/);
      expect(error.message).toContain(join(dirs[0]!, 'batch.json'));
    });

    it('a learner present in two inputs', () => {
      const root = freshDir();
      writeRun(join(root, 'a'), ['alice', 'bob'], null);
      writeRun(join(root, 'b'), ['bob', 'carol'], null);
      const error = usageErrorOf(() => mergeBatches(inputsOf([join(root, 'a'), join(root, 'b')])));
      expect(error.message).toBe(`learner "bob" is in both ${join(root, 'a', 'batch.json')} and ${join(root, 'b', 'batch.json')}`);
    });

    it('two inputs claiming the same shard', () => {
      const dirs = shardsOf(2);
      const error = usageErrorOf(() => mergeBatches(inputsOf([dirs[0]!, dirs[1]!, dirs[0]!])));
      expect(error.message).toMatch(/both are shard 1\/2$/);
    });

    it('an incomplete set of shards, saying which are missing', () => {
      const dirs = shardsOf(10);
      expect(usageErrorOf(() => mergeBatches(inputsOf(dirs.filter((_, i) => i !== 2)))).message).toMatch(/^shard 3\/10 is missing/);
      expect(usageErrorOf(() => mergeBatches(inputsOf(dirs.filter((_, i) => i !== 2 && i !== 6)))).message).toMatch(/^shards 3\/10, 7\/10 are missing/);
      expect(usageErrorOf(() => mergeBatches(inputsOf([dirs[1]!]))).message).toMatch(/shards 1\/10, 3\/10, .*10\/10 are missing/);
    });

    it('shards of different splits', () => {
      const [two] = shardsOf(2);
      const three = shardsOf(3);
      const error = usageErrorOf(() => mergeBatches(inputsOf([two!, ...three])));
      expect(error.message).toMatch(/is shard 1\/2 but .* is shard 1\/3: the shards come from different splits/);
    });

    it('a whole run mixed with shards', () => {
      const dirs = shardsOf(2);
      const whole = freshDir();
      writeRun(whole, [], null);
      const error = usageErrorOf(() => mergeBatches(inputsOf([...dirs, whole])));
      expect(error.message).toContain(`${join(whole, 'batch.json')} is a whole run`);
    });

    it('no inputs at all', () => {
      expect(usageErrorOf(() => mergeBatches([])).message).toMatch(/at least one batch\.json/);
    });

    it('a learner name that would write outside the scorecards folder', () => {
      const manifest = manifestOf([learnerOf('..', [0, 0, 0])]);
      expect(usageErrorOf(() => mergeBatches([{ manifest, dir: '/x' }])).message).toBe('/x/batch.json: learner name ".." cannot be a file name');
    });
  });

  describe('readBatchInput refuses', () => {
    it('a missing path, a folder without batch.json, invalid JSON and another schema', () => {
      const dir = freshDir();
      expect(usageErrorOf(() => readBatchInput(join(dir, 'nope'))).message).toContain(`${join(dir, 'nope')}: no such file or folder`);
      expect(usageErrorOf(() => readBatchInput(dir)).message).toContain(`${dir}: no batch.json in this folder`);
      writeFileSync(join(dir, 'batch.json'), '{ not json');
      expect(usageErrorOf(() => readBatchInput(dir)).message).toMatch(/batch\.json: not valid JSON/);
      writeFileSync(join(dir, 'batch.json'), JSON.stringify(scorecard([])));
      expect(usageErrorOf(() => readBatchInput(dir)).message).toBe(`${join(dir, 'batch.json')}: not a tickwork.batch/v1 manifest (schema is "tickwork.scorecard/v1")`);
      writeFileSync(join(dir, 'batch.json'), JSON.stringify({ ...manifestOf([]), learners: [{ name: 'x' }] }));
      expect(usageErrorOf(() => readBatchInput(dir)).message).toMatch(/learners\[0\] lacks/);
    });
  });

  describe('a failed write', () => {
    it('leaves no gradebook, no batch.json and no temporary folder, and keeps an older gradebook as it was', () => {
      const dirs = shardsOf(1);
      const { manifest, scorecards } = mergeBatches([readBatchInput(dirs[0]!)]);
      const out = freshDir();
      writeFileSync(join(out, 'gradebook.csv'), 'older gradebook\r\n');

      rmSync(join(dirs[0]!, 'scorecards', 'carol.json'));
      expect(usageErrorOf(() => writeBatchOutput(out, manifest, scorecards)).message).toMatch(/carol\.json: scorecard missing/);
      expect(readdirSync(out)).toEqual(['gradebook.csv']);

      // a failure half-way through copying (the source is a folder): nothing moved into place either
      mkdirSync(join(dirs[0]!, 'scorecards', 'carol.json'));
      expect(() => writeBatchOutput(out, manifest, scorecards)).toThrow();
      expect(readdirSync(out)).toEqual(['gradebook.csv']);
      expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toBe('older gradebook\r\n');
      expect(existsSync(join(out, 'batch.json'))).toBe(false);
    });

    it('writes only the two files when there is nothing to copy (the batch run itself)', () => {
      const out = freshDir();
      writeBatchOutput(out, manifestOf([learnerOf('alice', [1, 2, 3])]), []);
      expect(readdirSync(out).sort()).toEqual(['batch.json', 'gradebook.csv']);
    });
  });
});

// ── progress ────────────────────────────────────────────────────────────────────────────────────

function recorder(tty: boolean, columns?: number): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY: tty,
    columns,
    write(s: string) {
      chunks.push(s);
      return true;
    },
    text: () => chunks.join(''),
  };
}

/** A clock the test moves by hand: no real time in any assertion. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const ALICE = learnerOf('alice', [4, 3, 0]);
const BOB: BatchLearner = { ...learnerOf('bob', [0, 0, 0]), flags: ['crashed'] };
const EVIL: BatchLearner = { ...learnerOf('\x1b[2Jmallory\rX', [1, 0, 0]), flags: ['tampered', 'error'] };

describe('createProgress', () => {
  // process.stdout fits the stream type the orchestrator passes.
  const stdoutFits: ProgressStream = process.stdout;
  void stdoutFits;

  it('on a terminal rewrites one status line with \\r and prints flagged learners on lines of their own', () => {
    const stream = recorder(true);
    const clock = manualClock();
    const progress = createProgress(stream, 3, clock.now);
    progress.started('alice');
    progress.started('bob');
    clock.advance(10_000);
    progress.finished('alice', ALICE);
    clock.advance(5_000);
    progress.finished('bob', BOB);
    progress.started(EVIL.name);
    clock.advance(65_000);
    progress.finished(EVIL.name, EVIL);
    progress.done();

    const text = stream.text();
    expect(text).toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    // What the screen keeps: the flagged lines, then the last state of the status line.
    const lines = text.split('\n').map((line) => line.split('\r').at(-1)!.replaceAll('\x1b[K', ''));
    expect(lines.filter((line) => line.startsWith('!'))).toEqual(['! bob: crashed', '! ?[2Jmallory?X: tampered, error']);
    expect(text).not.toContain('alice');
    const final = lines.at(-2)!;
    const status = /^\[([#.]+)\] (\d+)\/(\d+) {2}(\d+) running {2}(\d+:\d\d) elapsed$/.exec(final);
    expect(status, final).not.toBeNull();
    expect(status!.slice(1)).toEqual(['#'.repeat(24), '3', '3', '0', '1:20']);
    // after the first learner, a throughput estimate: 10 s for 1 of 3 → 20 s left
    expect(text).toMatch(/\[#{8}\.{16}\] 1\/3 {2}1 running {2}0:10 elapsed {2}~0:20 left/);
  });

  it('on a terminal never writes a status line wider than the terminal', () => {
    const stream = recorder(true, 30);
    const progress = createProgress(stream, 500, manualClock().now);
    progress.started('a');
    progress.finished('a', ALICE);
    progress.done();
    const statusLines = stream.text().split(/[\r\n]/).map((line) => line.replaceAll('\x1b[K', '')).filter(Boolean);
    for (const line of statusLines) expect(line.length).toBeLessThan(30);
  });

  it('elsewhere writes one plain line per finished learner, with no \\r and no ANSI', () => {
    const stream = recorder(false);
    const clock = manualClock();
    const progress = createProgress(stream, 3, clock.now);
    progress.started('alice');
    progress.finished('alice', { ...ALICE, points: 87, maxPoints: 120 });
    progress.started('bob');
    progress.finished('bob', BOB);
    progress.finished(EVIL.name, EVIL);
    clock.advance(42_000);
    progress.done();
    progress.done();
    const text = stream.text();
    expect(text).not.toMatch(/[\r\x1b]/);
    expect(text.split('\n')).toEqual(['alice  87/120  72.5%', 'bob  0/20  0.0%  ! crashed', '?[2Jmallory?X  1/20  5.0%  ! tampered, error', '3/3 graded in 0:42', '']);
  });
});
