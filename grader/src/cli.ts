import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.ts';
import type { Command, CommandContext } from './commands/command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every `pnpm <name>` the workbook offers; each command lives in commands/<name>.ts and is imported
 * only when it runs, so `pnpm hint` never loads the grading pipeline and a replayed grade stays fast.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  grade: { summary: 'grades your exercises and prints the scorecard', load: async () => (await import('./commands/grade.ts')).gradeCommand },
  hint: { summary: 'reveals the next hint of an exercise, one at a time (--all: every hint)', load: async () => (await import('./commands/hint.ts')).hintCommand },
  verify: { summary: 'checks every exercise against the contract: solution, stub, mutants, alternatives, docs', load: async () => (await import('./commands/verify.ts')).verifyCommand },
  new: { summary: 'scaffolds a new exercise (for authors): every part of the contract, as templates', load: async () => (await import('./commands/new.ts')).newCommand },
  export: { summary: 'writes a student edition of the workbook (for instructors): no solutions, optionally no hidden tests', load: async () => (await import('./commands/export.ts')).exportCommand },
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return ['usage: pnpm <command> [options]   (pnpm <command> --help for its options)', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join('\n');
}

const context: CommandContext = {
  root: ROOT,
  help(command) {
    console.log(`usage: ${command.usage}`);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const command = await entry.load();
  return command.run(args, context);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`tickwork: ${error.message}`);
    } else {
      console.error('tickwork: internal error (please report it):', error);
    }
    process.exitCode = 2;
  },
);
