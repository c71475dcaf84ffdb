import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Aborted, Scorecard } from '../scorecard.ts';

/** What survives of a grading child's own printing: enough to explain a crash, never a flood. */
export const CHILD_LOG_LIMIT = 16 * 1024;

export interface SandboxRequest {
  /** The trusted tree: its own grader grades its own exercises. */
  tree: string;
  /** Exercise names to grade (empty: all). */
  exercises: string[];
  /** Real ms after which the whole grading process group is killed. */
  deadlineMs: number;
  /** Overrides the command for the grader's own tests of this module (a process that hangs or dies). */
  command?: string[];
}

export interface SandboxResult {
  scorecard?: Scorecard;
  aborted?: Aborted;
  /** The child's stdout and stderr, capped at CHILD_LOG_LIMIT: for a crash report, never printed raw. */
  log: string;
}

/**
 * Everything a learner's code can read of its environment: no tokens, no secrets, no runner
 * variables. HOME and TMPDIR point into the tree, which is removed after grading.
 */
export function minimalEnv(tree: string): NodeJS.ProcessEnv {
  const home = join(tree, '.tickwork', 'home');
  const tmp = join(tree, '.tickwork', 'tmp');
  mkdirSync(home, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  return { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: home, TMPDIR: tmp, LANG: 'C.UTF-8', TZ: 'UTC', CI: 'true', NO_COLOR: '1' };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Grades the tree with the tree's own grader in a child process of its own process group, under a
 * minimal environment, its output captured and capped. A learner whose code kills its grader, or
 * that outlives the deadline, costs only its own result: the group is killed, and the result says
 * why (`aborted`).
 */
export function gradeInSandbox(request: SandboxRequest): Promise<SandboxResult> {
  const out = join(request.tree, '.tickwork', 'sandbox-scorecard.json');
  const command = request.command ?? [process.execPath, join(request.tree, 'grader', 'bin', 'tickwork.mjs'), 'grade', '--root', request.tree, '--json', out, '--no-cache', ...request.exercises];
  const env = minimalEnv(request.tree);
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: request.tree, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (chunk: Buffer) => {
      if (log.length < CHILD_LOG_LIMIT) log = (log + chunk.toString()).slice(0, CHILD_LOG_LIMIT);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, 'SIGKILL');
    }, request.deadlineMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever the grader left behind (test workers of a killed grader) goes with it.
      signalGroup(child.pid, 'SIGKILL');
      if (timedOut) {
        resolve({ log, aborted: { reason: 'timed-out', message: `grading did not finish within ${Math.round(request.deadlineMs / 1000)} s and was stopped` } });
      } else if (code === 0 && existsSync(out)) {
        resolve({ log, scorecard: JSON.parse(readFileSync(out, 'utf8')) as Scorecard });
      } else {
        const how = spawnError ? spawnError.message : signal ? `was killed by ${signal}` : `exited with code ${code}`;
        resolve({ log, aborted: { reason: 'crashed', message: `the grading process ${how} before writing a scorecard` } });
      }
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
