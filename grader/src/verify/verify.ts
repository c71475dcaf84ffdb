import type { Exercise } from '../discover/discover.ts';
import { grade } from '../grade.ts';
import { implementationFor, variantsOf } from '../plan.ts';
import type { ExerciseResult, Scorecard } from '../scorecard.ts';
import { contractViolations } from './contract-checks.ts';

export interface VerifyOptions {
  root: string;
  exercises: Exercise[];
}

/** Three shuffled orders: a solution that passes only in file order depends on test order. */
const SHUFFLE_SEEDS = [101, 202, 303];

interface Row {
  slug: string;
  cells: Record<Column, string>;
  violations: string[];
}
type Column = 'contract' | 'solution ×3' | 'stub' | 'mutants' | 'alternatives';
const COLUMNS: Column[] = ['contract', 'solution ×3', 'stub', 'mutants', 'alternatives'];

const resultOf = (card: Scorecard, slug: string): ExerciseResult | undefined => card.exercises.find((e) => e.slug === slug);
const score = (r: ExerciseResult | undefined): string => (r ? `${r.points}/${r.maxPoints}` : 'not run');
const why = (r: ExerciseResult | undefined): string => {
  if (!r) return '';
  if (r.failure) return ` (${r.failure.kind}: ${r.failure.message})`;
  const failed = r.tests.find((t) => t.status !== 'passed');
  return failed ? ` (first failure: "${failed.name}": ${failed.message ?? failed.status})` : '';
};

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
 * the reference solution earns everything in three shuffled runs, the stub earns nothing, every
 * mutant loses points and every alternative earns everything.
 */
export async function verify(options: VerifyOptions): Promise<{ ok: boolean; text: string }> {
  const base = { root: options.root, exercises: options.exercises };
  const solutionRuns: Scorecard[] = [];
  for (const seed of SHUFFLE_SEEDS) solutionRuns.push(await grade({ ...base, target: 'solutions', shuffleSeed: seed }));
  const stubs = await grade({ ...base, target: 'stubs' });
  const mutants = await gradeVariants(options, 'mutant');
  const alternatives = await gradeVariants(options, 'alternative');

  const rows: Row[] = options.exercises.map((exercise) => {
    const violations = contractViolations(exercise);
    const cells = {} as Row['cells'];
    cells.contract = violations.length === 0 ? '✓' : '✗';

    const solutionResults = solutionRuns.map((card) => resultOf(card, exercise.slug));
    const solutionOk = solutionResults.every((r) => r && r.points === r.maxPoints);
    cells['solution ×3'] = solutionOk ? '✓' : '✗';
    solutionResults.forEach((r, i) => {
      if (!r || r.points !== r.maxPoints) violations.push(`solution scored ${score(r)} with shuffle seed ${SHUFFLE_SEEDS[i]}${why(r)}`);
    });
    const declared = exercise.metadata.points;
    const counted = solutionResults[0]?.tests.reduce((sum, t) => sum + t.maxPoints, 0);
    if (counted !== undefined && counted !== declared) violations.push(`tests carry ${counted} points but package.json declares ${declared}`);

    const stub = resultOf(stubs, exercise.slug);
    cells.stub = stub?.points === 0 ? '✓' : '✗';
    if (stub?.points !== 0) violations.push(`stub scored ${score(stub)}; it must earn 0`);

    const mutantResults = mutants.get(exercise.slug) ?? [];
    const caught = mutantResults.filter((m) => m.result && m.result.points < m.result.maxPoints);
    cells.mutants = `${caught.length === mutantResults.length && caught.length >= 2 ? '✓' : '✗'} ${caught.length}/${mutantResults.length}`;
    for (const m of mutantResults) {
      if (!caught.includes(m)) violations.push(`mutant ${m.name} scored ${score(m.result)}: the tests do not catch its mistake`);
    }

    const altResults = alternatives.get(exercise.slug) ?? [];
    const altOk = altResults.filter((a) => a.result && a.result.points === a.result.maxPoints);
    cells.alternatives = altResults.length === 0 ? '–' : `${altOk.length === altResults.length ? '✓' : '✗'} ${altOk.length}/${altResults.length}`;
    for (const a of altResults) {
      if (!altOk.includes(a)) violations.push(`alternative ${a.name} scored ${score(a.result)}; a correct implementation must earn all${why(a.result)}`);
    }
    return { slug: exercise.slug, cells, violations };
  });
  return render(rows);
}

function render(rows: Row[]): { ok: boolean; text: string } {
  const width = Math.max(8, ...rows.map((r) => r.slug.length));
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r.cells[c].length)));
  const line = (first: string, cells: string[]): string => `  ${first.padEnd(width)}  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  const out = [`verify · ${rows.length} exercise${rows.length === 1 ? '' : 's'}`, '', line('exercise', COLUMNS), ...rows.map((r) => line(r.slug, COLUMNS.map((c) => r.cells[c])))];
  const bad = rows.filter((r) => r.violations.length > 0);
  out.push('');
  if (bad.length === 0) out.push('verify: every exercise keeps the contract.');
  for (const row of bad) for (const v of row.violations) out.push(`✗ ${row.slug}: ${v}`);
  const violations = bad.reduce((sum, r) => sum + r.violations.length, 0);
  if (violations > 0) out.push('', `verify: ${violations} violation${violations === 1 ? '' : 's'} in ${bad.length} exercise${bad.length === 1 ? '' : 's'}.`);
  // The plain closing line CI reads: exercises that keep the contract, and those that do not.
  out.push('', `verify: ${rows.length - bad.length} passed, ${bad.length} failed`);
  return { ok: violations === 0, text: `${out.join('\n')}\n` };
}
