import { resolve } from 'node:path';
import { verify } from '../verify/verify.ts';
import { UsageError } from '../errors.ts';
import { isStudentEdition } from '../export/edition.ts';
import { resolveLang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { exercisesNamed, parseOptions } from './options.ts';
import type { Command } from './command.ts';

export const verifyCommand: Command = {
  usage: 'pnpm verify [exercise …]',
  async run(args, context) {
    const { values, positionals } = parseOptions('verify', args, { root: { type: 'string' } });
    if (values.help) return context.help(this);
    const root = values.root ? resolve(values.root) : context.root;
    // A learner's copy has no solutions/ to check: say so instead of failing on every exercise.
    if (isStudentEdition(root)) throw new UsageError(messages(resolveLang(undefined)).edition.instructorCommand('verify'));
    const report = await verify({ root, exercises: exercisesNamed(root, positionals) });
    process.stdout.write(report.text);
    return report.ok ? 0 : 1;
  },
};
