import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { GradeOptions } from '../grade.ts';
import { gradeCached } from '../cache/grade-cached.ts';
import { isStudentEdition } from '../export/edition.ts';
import { resolveLang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { writeReports } from '../report/write-reports.ts';
import { runReset } from '../reset/run-reset.ts';
import { recordGrade } from '../state/record-grade.ts';
import type { Target } from '../scorecard.ts';
import { checkWatchFlags, pollRequested } from '../watch/options.ts';
import { startWatch } from '../watch/watch.ts';
import { exercisesNamed, LANG_OPTION, parseOptions, useColor } from './options.ts';
import type { Command } from './command.ts';
import { runBatch, runMerge } from './grade-batch.ts';
import { runCi } from './grade-ci.ts';
import { reportContext, reportRequests } from './report-options.ts';

function parseTarget(target: string | undefined, solutions: boolean): Target {
  if (target === undefined) return solutions ? 'solutions' : 'stubs';
  if (target === 'stubs' || target === 'solutions' || /^(mutant|alternative):[\w-]+$/.test(target)) return target as Target;
  throw new UsageError(`--target ${target}: expected stubs, solutions, mutant:<name> or alternative:<name>`);
}

export const gradeCommand: Command = {
  usage: [
    'pnpm grade [exercise …] [--solutions | --target mutant:<name>|alternative:<name>] [--report FORMAT[=FILE]]… [--hidden-visibility V] [--json FILE] [--root DIR] [--lang en|tr] [--no-cache]',
    '       pnpm grade --reset <exercise> [--yes]   (the original stub back; your file is backed up first)',
    '       pnpm grade --watch [exercise …] [--poll] [--root DIR] [--lang en|tr]',
    '       pnpm grade --ci --base <ref> [--head <ref>] [exercise …] [--report FORMAT[=FILE]]… [--root REPO]   (trusted copy: docs/ci.md)',
    '       pnpm grade --submissions <dir> [--base <ref>] [--out DIR] [--shard i/n] [--jobs N] [--report FORMAT]… [exercise …]   (a class at once)',
    '       pnpm grade --merge <batch.json|DIR>… [--out DIR]   (join shard gradebooks)',
    '  FORMAT: terminal, json, markdown, junit, gradescope, classroom, html, badge (docs/scorecard.md)',
  ].join('\n'),
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
      // Any number of reports from the one run: FORMAT or FORMAT=FILE (report/formats.ts).
      report: { type: 'string', multiple: true },
      // How Gradescope shows hidden tests to learners (report/gradescope.ts); default after_published.
      'hidden-visibility': { type: 'string' },
      // Trusted-copy grading (trusted/, docs/ci.md): tests and grader from --base, learner files from --head.
      ci: { type: 'boolean', default: false },
      base: { type: 'string' },
      head: { type: 'string' },
      // Batch grading of a class (batch/): one trusted tree per learner, a gradebook at the end.
      submissions: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      merge: { type: 'boolean', default: false },
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
    // Trusted and batch grading always grade the learner's files, from scratch: author options make no sense there.
    const modes = flagsSet(values, ['ci', 'submissions', 'merge']);
    if (modes.length > 1) throw new UsageError(`${modes.join(' and ')}: choose one`);
    const authorOnly = flagsSet(values, ['watch', 'solutions', 'target', 'no-cache']);
    if (modes.length === 1 && authorOnly.length > 0) throw new UsageError(`${authorOnly.join(', ')}: not with ${modes[0]}`);
    if (values.merge) return runMerge({ inputs: positionals, out: values.out, others: flagsSet(values, ['ci', 'base', 'head', 'submissions', 'shard', 'jobs', 'report', 'hidden-visibility']) });
    if (values.submissions !== undefined) {
      return runBatch({ repo: root, installedRoot: context.root, submissions: values.submissions, base: values.base ?? 'HEAD', names: positionals, out: values.out, shard: values.shard, jobs: values.jobs, reports: values.report ?? [], reportOptions: reportContext(resolveLang(values.lang), values['hidden-visibility']), others: flagsSet(values, ['ci', 'head', 'json']) });
    }
    const stray = flagsSet(values, ['base', 'head', 'out', 'shard', 'jobs']);
    if (values.ci) {
      const reports = reportRequests(values);
      return runCi({ repo: root, installedRoot: context.root, base: values.base, head: values.head ?? 'HEAD', names: positionals, reports, context: reportContext(resolveLang(values.lang), values['hidden-visibility']) });
    }
    if (stray.length > 0) throw new UsageError(`${stray.join(', ')}: only with --ci, --submissions or --merge (pnpm grade --help)`);
    const exercises = exercisesNamed(root, positionals);
    const lang = resolveLang(values.lang);
    checkWatchFlags(values, lang);
    if (values.watch) {
      const unused = flagsSet(values, ['report', 'json', 'hidden-visibility']);
      if (unused.length > 0) throw new UsageError(`${unused.join(', ')}: not with --watch (it prints the scorecard as you save)`);
      const watcher = { poll: pollRequested(values.poll) };
      // Re-grades replay what did not change (the cache), so a save costs only the exercise it touched.
      const gradeFn = (options: GradeOptions) => gradeCached(options, { refresh: values['no-cache'] });
      return startWatch({ root, exercises, lang, input: process.stdin, output: process.stdout, gradeFn, watcher, color: useColor() });
    }
    const reports = reportRequests(values);
    const reportOptions = reportContext(lang, values['hidden-visibility']);
    // Results whose inputs did not change since they were stored are replayed (cache/, docs/learner.md).
    const scorecard = await gradeCached({ root, exercises, target: parseTarget(values.target, values.solutions) }, { refresh: values['no-cache'], launchArgs: args });
    writeReports(scorecard, reports, reportOptions);
    recordGrade(root, scorecard);
    return 0;
  },
};

/** The options of `values` named in `names` that were given, spelt as on the command line. */
function flagsSet(values: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((name) => values[name] !== undefined && values[name] !== false).map((name) => `--${name}`);
}



