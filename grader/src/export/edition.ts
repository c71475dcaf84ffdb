import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../i18n/messages.ts';
import type { WithheldTests } from '../scorecard.ts';

/** The root package.json of a student edition says what it is: `"tickwork": { "edition": "student", … }`. */
export interface EditionMarker {
  edition: 'student';
  /** `withheld`: only public test files are in it (each exercise's `tickwork.withheld` says what is not). */
  hiddenTests: 'withheld' | 'included';
  /** The instructor's commit it was exported from, when the workbook is a git repository. */
  commit?: string;
}

/** True in a copy made by `pnpm export --student`: no solutions/, so instructor commands refuse plainly. */
export function isStudentEdition(root: string): boolean {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { tickwork?: { edition?: unknown } }).tickwork?.edition === 'student';
  } catch {
    return false;
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

type PackageJson = { scripts?: Record<string, string>; tickwork?: Record<string, unknown> } & Record<string, unknown>;

/**
 * The edition's root package.json: marked as an edition; without `bench` (it times solutions/); its
 * `test` without `verify` (an instructor command that needs solutions/). Everything else as it was.
 */
export function editionRootPackage(text: string, marker: EditionMarker): string {
  const pkg = JSON.parse(text) as PackageJson;
  const scripts = { ...pkg.scripts };
  delete scripts.bench;
  if (scripts.test) {
    scripts.test = scripts.test
      .split('&&')
      .map((step) => step.trim())
      .filter((step) => !/tickwork\.mjs verify\b|^pnpm verify\b/.test(step))
      .join(' && ');
  }
  return json({ ...pkg, scripts, tickwork: marker });
}

/** The grader's package.json without its `test` script: its tests and fixtures stay with the instructor. */
export function editionGraderPackage(text: string): string {
  const pkg = JSON.parse(text) as PackageJson;
  const scripts = { ...pkg.scripts };
  delete scripts.test;
  return json({ ...pkg, scripts });
}

/** An exercise's package.json recording what the edition withheld (docs/student-edition.md). */
export function editionExercisePackage(text: string, withheld: WithheldTests | undefined): string {
  if (!withheld) return text;
  const pkg = JSON.parse(text) as PackageJson;
  return json({ ...pkg, tickwork: { ...pkg.tickwork, withheld } });
}

/** pnpm-workspace.yaml without the solutions package. */
export function editionWorkspace(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*-\s*['"]?solutions\/?['"]?\s*$/.test(line))
    .join('\n');
}

/** The README with a note on top, in English and Turkish, that this is a student edition. */
export function editionReadme(text: string, hiddenTests: EditionMarker['hiddenTests']): string {
  const notes = (['en', 'tr'] as const).map((lang) => messages(lang).edition.readmeNote(hiddenTests === 'withheld'));
  const block = notes.flatMap((note) => [note, '']);
  const [title, ...rest] = text.split('\n');
  if (!title?.startsWith('# ')) return [...block, text].join('\n');
  // The note goes under the title, so the README still opens with the workbook's name.
  while (rest[0] === '') rest.shift();
  return [title, '', ...block, ...rest].join('\n');
}
