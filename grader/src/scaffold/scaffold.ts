import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NewExercise } from './plan.ts';
import { alternative, mutant, solution, stub, testFile } from './templates/code.ts';
import { packageJson, tsconfigJson } from './templates/package.ts';
import { hintsEn, hintsTr, readmeEn, readmeTr } from './templates/readme.ts';

/** The mutant and alternative the template starts with; the author renames both after what they are. */
export const TEMPLATE_MUTANT = 'name-the-mistake';
export const TEMPLATE_ALTERNATIVE = 'another-style';

/** Every file of a new exercise, by path relative to the workbook root: the whole contract, as templates. */
export function scaffoldFiles(exercise: NewExercise): Array<{ path: string; text: string }> {
  const ex = `exercises/${exercise.slug}`;
  const sol = `solutions/${exercise.slug}`;
  return [
    { path: `${ex}/package.json`, text: packageJson(exercise) },
    { path: `${ex}/tsconfig.json`, text: tsconfigJson() },
    { path: `${ex}/README.md`, text: readmeEn(exercise) },
    { path: `${ex}/README.tr.md`, text: readmeTr(exercise) },
    { path: `${ex}/hints.md`, text: hintsEn() },
    { path: `${ex}/hints.tr.md`, text: hintsTr() },
    { path: `${ex}/src/index.ts`, text: stub(exercise) },
    { path: `${ex}/tests/${exercise.slug}.test.ts`, text: testFile() },
    { path: `${sol}/index.ts`, text: solution() },
    { path: `${sol}/mutants/${TEMPLATE_MUTANT}.ts`, text: mutant() },
    { path: `${sol}/alternatives/${TEMPLATE_ALTERNATIVE}.ts`, text: alternative() },
  ];
}

/** Writes the files; `wx` so that not even a file that appeared since the plan was checked is overwritten. */
export function writeScaffold(root: string, exercise: NewExercise): string[] {
  const files = scaffoldFiles(exercise);
  for (const { path, text } of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, { flag: 'wx' });
  }
  return files.map((f) => f.path);
}
