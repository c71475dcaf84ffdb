import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { planNewExercise, type NewExercise } from '../scaffold/plan.ts';
import { writeScaffold } from '../scaffold/scaffold.ts';
import { parseOptions } from './options.ts';
import type { Command } from './command.ts';

/**
 * What to do after scaffolding. `pnpm install` is left to the author on purpose: it rewrites
 * pnpm-lock.yaml and the whole workspace's node_modules, which a file generator should not do
 * behind anyone's back. Until it runs, the new package cannot import @tickwork/testkit, and verify says so.
 */
function nextSteps(exercise: NewExercise, rootOption: string | undefined): string[] {
  const nn = exercise.slug.slice(0, 2);
  const withRoot = (command: string): string => (rootOption ? `${command} --root ${rootOption}` : command);
  const steps: Array<[string, string]> = [
    [rootOption ? `pnpm install (in ${rootOption})` : 'pnpm install', 'links @tickwork/testkit into the new package and records it in pnpm-lock.yaml'],
    [withRoot(`pnpm grade ${nn}`), 'the template grades already: its stub scores 0'],
    ['', 'write the exercise, replacing every TODO(author): the API in src/index.ts, the tests, both READMEs and\n' +
      '     hints, the solution, two mutants named after their mistakes, an alternative (docs/authoring.md)'],
    [withRoot(`pnpm grade ${nn} --solutions`), 'the reference solution must score 100%'],
    [withRoot(`pnpm verify ${nn}`), 'names what is still missing, file by file, until "verify: 1 passed, 0 failed"'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  return ['next steps:', ...steps.map(([command, why], i) => `  ${i + 1}. ${command ? `${command.padEnd(width)}  ${why}` : why}`)];
}

export const newCommand: Command = {
  usage: 'pnpm new <NN-slug | slug> [--title "…"] [--module N] [--root DIR]',
  async run(args, context) {
    const { values, positionals } = parseOptions('new', args, {
      title: { type: 'string' },
      module: { type: 'string' },
      // The workbook to add the exercise to; default: the one this grader belongs to.
      root: { type: 'string' },
    });
    if (values.help) return context.help(this);
    if (positionals.length !== 1) {
      throw new UsageError(`pnpm new takes one exercise name, got ${positionals.length === 0 ? 'none' : `${positionals.length}: ${positionals.join(' ')}`} (usage: ${this.usage})`);
    }
    const root = values.root ? resolve(values.root) : context.root;
    const exercise = planNewExercise(root, {
      name: positionals[0]!,
      ...(values.title === undefined ? {} : { title: values.title }),
      ...(values.module === undefined ? {} : { module: values.module }),
    });
    const written = writeScaffold(root, exercise);
    const module = `module ${exercise.module}${exercise.moduleFrom ? `, as ${exercise.moduleFrom} before it; --module N to choose` : ''}`;
    const lines = [`tickwork new · ${exercise.slug} (${module})`, '', ...written.map((path) => `  created ${path}`), ''];
    lines.push(...nextSteps(exercise, values.root));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
