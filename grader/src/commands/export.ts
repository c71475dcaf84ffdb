import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { exportStudentEdition, type ExportReport } from '../export/export.ts';
import { parseOptions } from './options.ts';
import type { Command } from './command.ts';

/** What was written and what was left out, for the instructor (English: an author's command, like verify). */
function summary(report: ExportReport, target: string, withholdHidden: boolean): string {
  const lines = [`tickwork export · student edition in ${target}`, '', `  ${report.files} files copied (${report.source === 'git' ? 'the files git tracks or would add' : 'every file but node_modules, .turbo, .tickwork, .git'})`];
  lines.push('  left out: solutions/ (with mutants and alternatives), grader/tests, grader/fixtures, grader/bench');
  if (withholdHidden) {
    const tests = report.withheld.reduce((sum, w) => sum + w.tests, 0);
    const points = report.withheld.reduce((sum, w) => sum + w.points, 0);
    const files = report.withheld.reduce((sum, w) => sum + w.files.length, 0);
    lines.push(`  withheld: ${files} hidden test files, ${tests} tests, ${points} points, in ${report.withheld.length} exercises (each exercise's package.json says how many)`);
    for (const w of report.withheld) lines.push(`    ${w.slug.padEnd(24)} ${String(w.tests).padStart(3)} tests  ${String(w.points).padStart(3)} points`);
  } else {
    lines.push('  every test file is included (--withhold-hidden leaves out all but *.public.test.ts)');
  }
  if (report.stubsFromWorkingTree.length > 0) {
    lines.push(`  not in git's last commit, so copied from the working tree: ${report.stubsFromWorkingTree.join(', ')}`);
  }
  lines.push('', `next: cd ${target} && pnpm install && pnpm grade`);
  return `${lines.join('\n')}\n`;
}

export const exportCommand: Command = {
  usage: 'pnpm export --student <dir> [--withhold-hidden] [--root DIR]',
  async run(args, context) {
    const { values, positionals } = parseOptions('export', args, {
      student: { type: 'string' },
      'withhold-hidden': { type: 'boolean', default: false },
      // The workbook to export; default: the one this grader belongs to.
      root: { type: 'string' },
    });
    if (values.help) return context.help(this);
    if (positionals.length > 0) throw new UsageError(`pnpm export takes no exercise names, got ${positionals.join(' ')} (usage: ${this.usage})`);
    if (!values.student) throw new UsageError(`pnpm export needs --student <dir>, the folder to write the edition to (usage: ${this.usage})`);
    const root = values.root ? resolve(values.root) : context.root;
    const target = resolve(process.cwd(), values.student);
    const withholdHidden = values['withhold-hidden'];
    const report = await exportStudentEdition({ root, target, withholdHidden });
    process.stdout.write(summary(report, target, withholdHidden));
    return 0;
  },
};
