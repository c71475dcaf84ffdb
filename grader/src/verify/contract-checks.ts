import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../discover/discover.ts';
import { variantsOf } from '../plan.ts';

const HINT_HEADINGS = { 'hints.md': /^## Hint [1-3]\s*$/gm, 'hints.tr.md': /^## İpucu [1-3]\s*$/gm } as const;
/** Every README has these sections, in this order (docs/contract.md), so a reader who has seen one has seen all. */
const README_SECTIONS = {
  'README.md': ['The signature', 'Example', 'What the hidden tests check', 'The concept', 'Run it'],
  'README.tr.md': ['İmza', 'Örnek', 'Gizli testler neyi denetliyor', 'Kavram', 'Çalıştırın'],
} as const;

/** Static parts of the contract (docs/contract.md): each missing piece is one violation. */
export function contractViolations(exercise: Exercise): string[] {
  const problems: string[] = [];
  const need = (file: string, what: string): string | undefined => {
    const path = join(exercise.dir, file);
    if (!existsSync(path)) {
      problems.push(`${what} missing (${file})`);
      return undefined;
    }
    return readFileSync(path, 'utf8');
  };
  for (const [readme, sections] of Object.entries(README_SECTIONS)) {
    const text = need(readme, 'README');
    if (text === undefined) continue;
    const found = text.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim());
    if (found.join('|') !== sections.join('|')) {
      problems.push(`${readme} sections are "${found.join('", "')}"; expected "${sections.join('", "')}"`);
    }
  }
  for (const [file, heading] of Object.entries(HINT_HEADINGS)) {
    const text = need(file, 'hints');
    const count = text?.match(heading)?.length ?? 0;
    if (text !== undefined && count !== 3) problems.push(`${file} has ${count} hint sections; expected exactly 3`);
  }
  const stub = need('src/index.ts', 'stub');
  if (stub !== undefined && !stub.includes('TODO: implement')) problems.push('src/index.ts does not throw "TODO: implement …"');
  if (!existsSync(join(exercise.solutionDir, 'index.ts'))) problems.push(`reference solution missing (solutions/${exercise.slug}/index.ts)`);
  const mutants = variantsOf(exercise, 'mutant');
  if (mutants.length < 2) problems.push(`${mutants.length} mutant(s) in solutions/${exercise.slug}/mutants; at least 2 needed`);
  if (variantsOf(exercise, 'alternative').length < 1) {
    problems.push(`no alternative in solutions/${exercise.slug}/alternatives: prove the tests accept another correct style`);
  }
  return problems;
}
