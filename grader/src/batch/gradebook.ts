import type { BatchLearner, BatchManifest } from './manifest.ts';
import { compareNames } from './shard.ts';

/**
 * Lines end in CRLF, as RFC 4180 says; spreadsheets and CSV parsers read it, and a quoted field may
 * hold a bare LF (a newline in a learner's folder name) without being mistaken for a row end.
 */
const EOL = '\r\n';

/**
 * `gradebook.csv`: `learner,<slug…>,total,max,percent,flags`, one row per learner sorted by name.
 * An exercise a learner was not graded on (absent from their scorecard) is an empty cell, not 0.
 */
export function renderGradebook(manifest: BatchManifest): string {
  const header = ['learner', ...manifest.exercises.map((exercise) => exercise.slug), 'total', 'max', 'percent', 'flags'];
  const learners = [...manifest.learners].sort((a, b) => compareNames(a.name, b.name));
  const rows = learners.map((learner) => rowOf(learner, manifest.exercises));
  return [header, ...rows].map((row) => row.map(csvField).join(',') + EOL).join('');
}

function rowOf(learner: BatchLearner, exercises: BatchManifest['exercises']): string[] {
  return [
    guardFormula(learner.name),
    ...exercises.map((exercise) => numberCell(learner.exercises[exercise.slug])),
    String(learner.points),
    String(learner.maxPoints),
    percentOf(learner.points, learner.maxPoints),
    learner.flags.join(';'),
  ];
}

function numberCell(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** One decimal, rounded half up on the exact ratio (87/120 → 72.5, 2/3 → 66.7); 0.0 when nothing was gradable. */
export function percentOf(points: number, maxPoints: number): string {
  if (maxPoints <= 0) return '0.0';
  return (Math.round((points * 1000) / maxPoints) / 10).toFixed(1);
}

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`), and
 * some also treat a leading tab or carriage return that way (OWASP, "CSV injection"). A learner names
 * their own folder, so such a name gets a leading apostrophe: shown as text, and visibly not the raw name.
 */
export function guardFormula(name: string): string {
  return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
