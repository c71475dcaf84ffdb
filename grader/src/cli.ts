import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.ts';
import type { Command, CommandContext } from './commands/command.ts';
import { gradeCommand } from './commands/grade.ts';
import { verifyCommand } from './commands/verify.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every `pnpm <name>` the workbook offers; each command lives in commands/<name>.ts. */
const COMMANDS: Record<string, Command> = {
  grade: gradeCommand,
  verify: verifyCommand,
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
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
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
