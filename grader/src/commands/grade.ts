import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { GradeOptions } from '../grade.ts';
import { gradeCached } from '../cache/grade-cached.ts';
import { isStudentEdition } from '../export/edition.ts';
import { resolveLang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { renderJson } from '../report/json.ts';
import { renderTerminal } from '../report/terminal.ts';
import { runReset } from '../reset/run-reset.ts';
import { recordGrade } from '../state/record-grade.ts';
import type { Target } from '../scorecard.ts';
import { checkWatchFlags, pollRequested } from '../watch/options.ts';
import { startWatch } from '../watch/watch.ts';
import { exercisesNamed, LANG_OPTION, parseOptions, useColor } from './options.ts';
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
  usage: 'pnpm grade [exercise …] [--solutions | --target mutant:<name>|alternative:<name>] [--json FILE] [--root DIR] [--lang en|tr] [--no-cache]\n       pnpm grade --reset <exercise> [--yes]   (the original stub back; your file is backed up first)\n       pnpm grade --watch [exercise …] [--poll] [--root DIR] [--lang en|tr]',
  async run(args, context) {
    const { values, positionals } = parseOptions('grade', args, {
      solutions: { type: 'boolean', default: false },
      json: { type: 'string' },
      // For authors: grade against solutions/<slug>/mutants/<name>.ts or alternatives/<name>.ts.
      target: { type: 'string' },
      // The workbook to grade; default: the one this grader belongs to.
      root: { type: 'string' },
      // Grade once, then again on every save (watch/watch.ts); --poll when file events do not arrive.
      watch: { type: 'boolean', default: false },
      poll: { type: 'boolean', default: false },
      // Put an exercise's stub back after backing up the learner's file (reset/); --yes: without asking.
      reset: { type: 'string' },
      yes: { type: 'boolean', default: false },
      ...LANG_OPTION,
      // Replay nothing from the result cache: run every test (fresh results replace the stored ones).
      'no-cache': { type: 'boolean', default: false },
    });
    if (values.help) return context.help(this);
    const root = values.root ? resolve(values.root) : context.root;
    if (values.reset !== undefined) {
      const others = [...positionals, ...(['solutions', 'json', 'target', 'watch'] as const).filter((name) => values[name]).map((name) => `--${name}`)];
      return runReset({ root, name: values.reset, yes: values.yes, lang: resolveLang(values.lang), others });
    }
    // A learner's copy has no solutions/, mutants or alternatives: say so before looking for them.
    if ((values.solutions || values.target !== undefined) && isStudentEdition(root)) {
      throw new UsageError(messages(resolveLang(values.lang)).edition.instructorOption(values.solutions ? '--solutions' : '--target'));
    }
    const exercises = exercisesNamed(root, positionals);
    const lang = resolveLang(values.lang);
    checkWatchFlags(values, lang);
    if (values.watch) {
      const watcher = { poll: pollRequested(values.poll) };
      // Re-grades replay what did not change (the cache), so a save costs only the exercise it touched.
      const gradeFn = (options: GradeOptions) => gradeCached(options, { refresh: values['no-cache'] });
      return startWatch({ root, exercises, lang, input: process.stdin, output: process.stdout, gradeFn, watcher, color: useColor() });
    }
    const json = values.json === undefined ? undefined : reportPath(values.json);
    // Results whose inputs did not change since they were stored are replayed (cache/, docs/learner.md).
    const scorecard = await gradeCached({ root, exercises, target: parseTarget(values.target, values.solutions) }, { refresh: values['no-cache'], launchArgs: args });
    process.stdout.write(renderTerminal(scorecard, { color: useColor(), lang }));
    recordGrade(root, scorecard);
    if (json) writeFileSync(json, renderJson(scorecard));
    return 0;
  },
};
