import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchManifest } from '../src/batch/manifest.ts';
import type { Scorecard } from '../src/scorecard.ts';
import { gitWorkbook } from './git-workbook.ts';
import { REPO_ROOT, runCli, type CliResult } from './run-cli.ts';

const ONE = 'exercises/01-task-queues';
const TWO = 'exercises/02-run-main';

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function solve(learner: string, exercise: string): void {
  mkdirSync(join(learner, exercise, 'src'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'solutions', exercise.split('/')[1]!, 'index.ts'), join(learner, exercise, 'src/index.ts'));
}

/**
 * A class of five, graded in two shards and merged: two honest learners, one whose code blocks the
 * event loop forever, one whose code kills its own grading process, and one who also edited a test.
 * The two bad ones are marked; every other grade is exactly what that learner earned.
 */
describe('pnpm grade --submissions, --shard and --merge', () => {
  let scratch: string;
  let workbook: ReturnType<typeof gitWorkbook>;
  let shards: CliResult[];
  let merged: CliResult;
  let rows: Array<Record<string, string>>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'tickwork-batch-'));
    // The trusted copy is a commit: this workbook as it is now, committed (the default --base is HEAD).
    workbook = gitWorkbook();
    const subs = join(scratch, 'submissions');
    solve(join(subs, 'alice'), ONE);
    solve(join(subs, 'bob'), TWO);
    write(join(subs, 'carol-hangs', ONE, 'src/index.ts'), 'while (true) {}\nexport {};\n');
    write(join(subs, 'dave-crashes', ONE, 'src/index.ts'), "process.kill(process.ppid, 'SIGKILL');\nexport {};\n");
    solve(join(subs, 'erin-tampers'), TWO);
    write(join(subs, 'erin-tampers', TWO, 'tests/run-main.test.ts'), "import { it } from 'vitest';\nit('anything', () => {});\n");
    shards = ['1/2', '2/2'].map((shard, i) =>
      runCli(['grade', '--root', workbook.repo, '--submissions', subs, '--shard', shard, '--jobs', '2', '--out', join(scratch, `shard-${i + 1}`), '--report', 'markdown', '--report', 'html', '01', '02']),
    );
    merged = runCli(['grade', '--merge', join(scratch, 'shard-1'), join(scratch, 'shard-2/batch.json'), '--out', join(scratch, 'merged')]);
    rows = parse(readFileSync(join(scratch, 'merged', 'gradebook.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    workbook?.remove();
  });

  it('finishes every shard and the merge', () => {
    for (const shard of shards) expect(shard.status, shard.stderr).toBe(0);
    expect(merged.status, merged.stderr).toBe(0);
  });

  it('splits the class across the shards, each learner once', () => {
    const names = [1, 2].map((i) => (JSON.parse(readFileSync(join(scratch, `shard-${i}`, 'batch.json'), 'utf8')) as BatchManifest).learners.map((l) => l.name));
    expect(names[0]!.length + names[1]!.length).toBe(5);
    expect(new Set([...names[0]!, ...names[1]!]).size).toBe(5);
  });

  it('grades the honest learners exactly', () => {
    const row = (name: string) => rows.find((r) => r.learner === name)!;
    expect(Object.keys(rows[0]!)).toEqual(['learner', '01-task-queues', '02-run-main', 'total', 'max', 'percent', 'flags']);
    const max = Number(row('alice').max);
    expect(Number(row('alice')['01-task-queues'])).toBeGreaterThan(0);
    expect(row('alice')['02-run-main']).toBe('0');
    expect(Number(row('bob')['02-run-main'])).toBeGreaterThan(0);
    expect(row('bob')['01-task-queues']).toBe('0');
    expect(Number(row('alice').total) + Number(row('bob').total)).toBe(max);
    expect(row('alice').flags).toBe('');
    expect(row('bob').flags).toBe('');
  });

  it('marks the hanging learner as blocked and the crashing one as crashed, with 0 points', () => {
    const carol = rows.find((r) => r.learner === 'carol-hangs')!;
    const dave = rows.find((r) => r.learner === 'dave-crashes')!;
    expect(carol.flags!.split(';')).toContain('blocked');
    expect(carol['01-task-queues']).toBe('0');
    expect(dave.flags!.split(';')).toContain('crashed');
    expect(dave.total).toBe('0');
    const daveCard = JSON.parse(readFileSync(join(scratch, 'merged', 'scorecards', 'dave-crashes.json'), 'utf8')) as Scorecard;
    expect(daveCard.aborted?.reason).toBe('crashed');
  });

  it("grades the tamperer by the base's tests and flags the edited test", () => {
    const erin = rows.find((r) => r.learner === 'erin-tampers')!;
    const bob = rows.find((r) => r.learner === 'bob')!;
    expect(erin['02-run-main']).toBe(bob['02-run-main']);
    expect(erin.flags).toBe('tampered');
    const card = JSON.parse(readFileSync(join(scratch, 'merged', 'scorecards', 'erin-tampers.json'), 'utf8')) as Scorecard;
    expect(card.tampering).toEqual([{ file: `${TWO}/tests/run-main.test.ts`, change: 'modified' }]);
    expect(card.provenance?.learner).toBe('erin-tampers');
  });

  it('keeps one JSON scorecard, and the reports asked for, per learner beside the merged gradebook', () => {
    for (const row of rows) {
      expect(existsSync(join(scratch, 'merged', 'scorecards', `${row.learner}.json`))).toBe(true);
      expect(existsSync(join(scratch, 'merged', 'reports', row.learner!, 'scorecard.html'))).toBe(true);
    }
    const alice = readFileSync(join(scratch, 'merged', 'reports', 'alice', 'scorecard.md'), 'utf8');
    expect(alice).toMatch(/\| 01-task-queues · [^|]+ \| ✅ passed \|/);
  });
});

describe('pnpm grade --submissions: bad input', () => {
  it('names a missing folder', () => {
    const result = runCli(['grade', '--submissions', '/no/such/folder']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--submissions \/no\/such\/folder: no such folder/);
  });

  it('refuses a bad --jobs and a bad --shard before grading anyone', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tickwork-empty-'));
    mkdirSync(join(folder, 'someone'));
    try {
      expect(runCli(['grade', '--submissions', folder, '--jobs', '0']).stderr).toMatch(/--jobs 0: expected a whole number/);
      expect(runCli(['grade', '--submissions', folder, '--shard', '3/2']).stderr).toMatch(/--shard "3\/2"/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a report file name: every learner gets their own', () => {
    const result = runCli(['grade', '--submissions', REPO_ROOT, '--report', 'html=class.html']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--report html=class.html: with --submissions every learner gets their own file/);
  });

  it('refuses --merge of nothing', () => {
    const result = runCli(['grade', '--merge']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--merge needs the shard outputs/);
  });
});
