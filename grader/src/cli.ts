import { writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { discoverExercises } from './discover/discover.ts';
import { UsageError } from './errors.ts';
import { grade } from './grade.ts';
import { selectExercises } from './plan.ts';
import { renderJson } from './report/json.ts';
import { renderTerminal } from './report/terminal.ts';
import type { Target } from './scorecard.ts';
import { verify } from './verify/verify.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const USAGE = `usage: pnpm grade [exercise …] [--solutions | --target mutant:<name>] [--json FILE]
       pnpm verify [exercise …]`;

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

function writeReport(file: string, content: string): void {
  const path = resolve(process.cwd(), file);
  if (!existsSync(dirname(path))) throw new UsageError(`--json ${file}: folder ${dirname(path)} does not exist`);
  writeFileSync(path, content);
}

function parseTarget(target: string | undefined, solutions: boolean): Target {
  if (target === undefined) return solutions ? 'solutions' : 'stubs';
  if (target === 'stubs' || target === 'solutions' || /^(mutant|alternative):[\w-]+$/.test(target)) return target as Target;
  throw new UsageError(`--target ${target}: expected stubs, solutions, mutant:<name> or alternative:<name>`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        solutions: { type: 'boolean', default: false },
        json: { type: 'string' },
        // For authors: grade against solutions/<slug>/mutants/<name>.ts or alternatives/<name>.ts.
        target: { type: 'string' },
        // The workbook to grade; default: the one this grader belongs to.
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.root ? resolve(values.root) : ROOT;
  const exercises = selectExercises(discoverExercises(root), positionals);
  if (command === 'grade') {
    const scorecard = await grade({ root, exercises, target: parseTarget(values.target, values.solutions) });
    process.stdout.write(renderTerminal(scorecard, { color: useColor() }));
    if (values.json) writeReport(values.json, renderJson(scorecard));
    return 0;
  }
  if (command === 'verify') {
    const report = await verify({ root, exercises });
    process.stdout.write(report.text);
    return report.ok ? 0 : 1;
  }
  throw new UsageError(`unknown command "${command ?? ''}"\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`tickwork: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error('tickwork: internal error (please report it):', error);
      process.exitCode = 2;
    }
  },
);
