import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../bin/tickwork.mjs', import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, in a child process without the surrounding vitest's environment. */
export function runCli(args: string[], options: { cli?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TICKWORK_RUN_DIR'));
  const result = spawnSync(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...env, NO_COLOR: '1', ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 170_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
