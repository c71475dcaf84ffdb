import { resolve } from 'node:path';
import { verify } from '../verify/verify.ts';
import { exercisesNamed, parseOptions } from './options.ts';
import type { Command } from './command.ts';

export const verifyCommand: Command = {
  usage: 'pnpm verify [exercise …]',
  summary: 'checks every exercise against the contract: solution, stub, mutants, alternatives, docs',
  async run(args, context) {
    const { values, positionals } = parseOptions('verify', args, { root: { type: 'string' } });
    if (values.help) return context.help(this);
    const root = values.root ? resolve(values.root) : context.root;
    const report = await verify({ root, exercises: exercisesNamed(root, positionals) });
    process.stdout.write(report.text);
    return report.ok ? 0 : 1;
  },
};
