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
    const message = (error as Error).message;
    const option = /Unknown option '([^']+)'/.exec(message)?.[1];
    throw new UsageError(option ? `unknown option ${option} (pnpm grade --help lists them)` : message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.root ? resolve(values.root) : ROOT;
  const exercises = selectExercises(discoverExercises(root), positionals);
  if (command === 'grade') {
    const json = values.json === undefined ? undefined : reportPath(values.json);
    const scorecard = await grade({ root, exercises, target: parseTarget(values.target, values.solutions) });
    process.stdout.write(renderTerminal(scorecard, { color: useColor() }));
    if (json) writeFileSync(json, renderJson(scorecard));
    return 0;
  }
  if (command === 'verify') {
    const report = await verify({ root, exercises });
    process.stdout.write(report.text);
    return report.ok ? 0 : 1;
  }
  throw new UsageError(`unknown command "${command ?? ''}" (commands: grade, verify)`);
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
