import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { grade } from '../grade.ts';
import { renderJson } from '../report/json.ts';
import { renderTerminal } from '../report/terminal.ts';
import type { Target } from '../scorecard.ts';
import { exercisesNamed, parseOptions, useColor } from './options.ts';
import type { Command } from './command.ts';

/** Checked before grading, so a typo in the path does not cost a whole grade. */
function reportPath(file: string): string {
  const path = resolve(process.cwd(), file);
  if (!existsSync(dirname(path))) throw new UsageError(`--json ${file}: folder ${dirname(path)} does not exist`);
  return path;
}

function parseTarget(target: string | undefined, solutions: boolean): Target {
  if (target === undefined) return solutions ? 'solutions' : 'stubs';
  if (target === 'stubs' || target === 'solutions' || /^(mutant|alternative):[\w-]+$/.test(target)) return target as Target;
  throw new UsageError(`--target ${target}: expected stubs, solutions, mutant:<name> or alternative:<name>`);
}

export const gradeCommand: Command = {
  usage: 'pnpm grade [exercise …] [--solutions | --target mutant:<name>|alternative:<name>] [--json FILE] [--root DIR]',
  summary: 'grades your exercises and prints the scorecard',
  async run(args, context) {
    const { values, positionals } = parseOptions('grade', args, {
      solutions: { type: 'boolean', default: false },
      json: { type: 'string' },
      // For authors: grade against solutions/<slug>/mutants/<name>.ts or alternatives/<name>.ts.
      target: { type: 'string' },
      // The workbook to grade; default: the one this grader belongs to.
      root: { type: 'string' },
    });
    if (values.help) return context.help(this);
    const root = values.root ? resolve(values.root) : context.root;
    const exercises = exercisesNamed(root, positionals);
    const json = values.json === undefined ? undefined : reportPath(values.json);
    const scorecard = await grade({ root, exercises, target: parseTarget(values.target, values.solutions) });
    process.stdout.write(renderTerminal(scorecard, { color: useColor() }));
    if (json) writeFileSync(json, renderJson(scorecard));
    return 0;
  },
};
