import type { Exercise } from '../discover/discover.ts';
import { grade } from '../grade.ts';
import { implementationFor, variantsOf } from '../plan.ts';
import type { ExerciseResult, Scorecard } from '../scorecard.ts';
import { contractViolations } from './contract-checks.ts';
import { isFullScore, scoreOf, SHUFFLE_SEEDS, SOLUTION_RUNS, solutionRunViolations, whyLost } from './solution-runs.ts';
import { medianDuration, seconds, slowestLine, timeBudgetMs, timeViolation, type Timing } from './time-budget.ts';

export interface VerifyOptions {
  root: string;
  exercises: Exercise[];
}

interface Row {
  slug: string;
  cells: Record<Column, string>;
  violations: string[];
}
const SOLUTION_COLUMN = `solution ×${SOLUTION_RUNS}` as const;
type Column = 'contract' | typeof SOLUTION_COLUMN | 'time' | 'stub' | 'mutants' | 'alternatives';
const COLUMNS: Column[] = ['contract', SOLUTION_COLUMN, 'time', 'stub', 'mutants', 'alternatives'];

const resultOf = (card: Scorecard, slug: string): ExerciseResult | undefined => card.exercises.find((e) => e.slug === slug);

/** Grades the n-th variant (mutant or alternative) of every exercise that has one, in one run per n. */
async function gradeVariants(options: VerifyOptions, kind: 'mutant' | 'alternative'): Promise<Map<string, Array<{ name: string; result?: ExerciseResult }>>> {
  const names = new Map(options.exercises.map((e) => [e.slug, variantsOf(e, kind)]));
  const rounds = Math.max(0, ...[...names.values()].map((v) => v.length));
  const results = new Map<string, Array<{ name: string; result?: ExerciseResult }>>();
  for (let n = 0; n < rounds; n++) {
    const card = await grade({
      root: options.root,
      exercises: options.exercises,
      target: `${kind}:#${n + 1}`,
      implFor: (e) => {
        const name = names.get(e.slug)?.[n];
        return name ? implementationFor(e, `${kind}:${name}`) : undefined;
      },
    });
    for (const [slug, list] of names) {
      const name = list[n];
      if (!name) continue;
      const result = resultOf(card, slug);
      results.set(slug, [...(results.get(slug) ?? []), { name, ...(result ? { result } : {}) }]);
    }
  }
  return results;
}

/**
 * Treats the workbook's own content as code under test: for every exercise the contract is complete,
 * the reference solution earns everything in SOLUTION_RUNS shuffled runs and its tests stay within
 * their time budget, the stub earns nothing, every mutant loses points and every alternative earns everything.
 */
export async function verify(options: VerifyOptions): Promise<{ ok: boolean; text: string }> {
  const base = { root: options.root, exercises: options.exercises };
  const solutionRuns: Scorecard[] = [];
  for (const seed of SHUFFLE_SEEDS) solutionRuns.push(await grade({ ...base, target: 'solutions', shuffleSeed: seed }));
  const stubs = await grade({ ...base, target: 'stubs' });
  const mutants = await gradeVariants(options, 'mutant');
  const alternatives = await gradeVariants(options, 'alternative');

  const timings: Timing[] = [];
  const rows: Row[] = options.exercises.map((exercise) => {
    const violations = contractViolations(exercise);
    const cells = {} as Row['cells'];
    cells.contract = violations.length === 0 ? '✓' : '✗';

    const solutionResults = solutionRuns.map((card) => resultOf(card, exercise.slug));
    cells[SOLUTION_COLUMN] = solutionResults.every(isFullScore) ? '✓' : '✗';
    violations.push(...solutionRunViolations(solutionResults));

    const median = medianDuration(solutionResults);
    if (median === undefined) {
      cells.time = '–';
    } else {
      const timing: Timing = { slug: exercise.slug, ms: median, budgetMs: timeBudgetMs(exercise.metadata) };
      timings.push(timing);
      const late = timeViolation(timing, SOLUTION_RUNS, exercise.metadata.timeoutMs !== undefined);
      cells.time = `${late ? '✗ ' : ''}${seconds(median)}`;
      if (late) violations.push(late);
    }
    const declared = exercise.metadata.points;
    const counted = solutionResults[0]?.tests.reduce((sum, t) => sum + t.maxPoints, 0);
    if (counted !== undefined && counted !== declared) violations.push(`tests carry ${counted} points but package.json declares ${declared}`);

    const stub = resultOf(stubs, exercise.slug);
    cells.stub = stub?.points === 0 ? '✓' : '✗';
    if (stub?.points !== 0) violations.push(`stub scored ${scoreOf(stub)}; it must earn 0`);

    const mutantResults = mutants.get(exercise.slug) ?? [];
    const caught = mutantResults.filter((m) => m.result && m.result.points < m.result.maxPoints);
    cells.mutants = `${caught.length === mutantResults.length && caught.length >= 2 ? '✓' : '✗'} ${caught.length}/${mutantResults.length}`;
    for (const m of mutantResults) {
      if (caught.includes(m)) continue;
      violations.push(
        isFullScore(m.result)
          ? `mutant ${m.name} scores 100% (${scoreOf(m.result)}): it is not a mistake yet, or the tests do not catch it`
          : `mutant ${m.name} scored ${scoreOf(m.result)}: the tests do not catch its mistake`,
      );
    }

    const altResults = alternatives.get(exercise.slug) ?? [];
    const altOk = altResults.filter((a) => a.result && a.result.points === a.result.maxPoints);
    cells.alternatives = altResults.length === 0 ? '–' : `${altOk.length === altResults.length ? '✓' : '✗'} ${altOk.length}/${altResults.length}`;
    for (const a of altResults) {
      if (!altOk.includes(a)) violations.push(`alternative ${a.name} scored ${scoreOf(a.result)}; a correct implementation must earn all${whyLost(a.result)}`);
    }
    return { slug: exercise.slug, cells, violations };
  });
  return render(rows, slowestLine(timings, SOLUTION_RUNS));
}

function render(rows: Row[], slowest: string | undefined): { ok: boolean; text: string } {
  const width = Math.max(8, ...rows.map((r) => r.slug.length));
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r.cells[c].length)));
  const line = (first: string, cells: string[]): string => `  ${first.padEnd(width)}  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  const out = [`verify · ${rows.length} exercise${rows.length === 1 ? '' : 's'}`, '', line('exercise', COLUMNS), ...rows.map((r) => line(r.slug, COLUMNS.map((c) => r.cells[c])))];
  const bad = rows.filter((r) => r.violations.length > 0);
  out.push('');
  if (slowest) out.push(slowest, '');
  if (bad.length === 0) out.push('verify: every exercise keeps the contract.');
  for (const row of bad) for (const v of row.violations) out.push(`✗ ${row.slug}: ${v}`);
  const violations = bad.reduce((sum, r) => sum + r.violations.length, 0);
  if (violations > 0) out.push('', `verify: ${violations} violation${violations === 1 ? '' : 's'} in ${bad.length} exercise${bad.length === 1 ? '' : 's'}.`);
  // The plain closing line CI reads: exercises that keep the contract, and those that do not.
  out.push('', `verify: ${rows.length - bad.length} passed, ${bad.length} failed`);
  return { ok: violations === 0, text: `${out.join('\n')}\n` };
}
