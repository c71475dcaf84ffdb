import { kindOfMessage, stripKind, type FailureKind } from '@tickwork/testkit/failures';
import type { RawError } from '../run/raw-results.ts';

/** Stub bodies throw `TODO: implement <name>`: the scorecard calls that "not started", not a bug. */
const NOT_IMPLEMENTED = /TODO: implement ([\w.]+)(?: \(see README\.md\))?:? ?(.*)/;
const TIMED_OUT = /^Test timed out in (\d+)ms/;
const PROCESS_EXIT = /process\.exit unexpectedly called with "?([^"]*)"?/;
const SYNTAX = /Transform failed|SyntaxError|Unexpected token|Expected .* but found|ERROR: /;

export interface Classified {
  kind?: FailureKind;
  message: string;
}

/** Turns a test error into the learner's words, naming its failure kind where it has one. */
export function classifyTestError(error: RawError): Classified {
  const kind = kindOfMessage(error.message);
  if (kind) return { kind, message: stripKind(error.message) };
  const todo = NOT_IMPLEMENTED.exec(error.message);
  if (todo) return { kind: 'not-implemented', message: `${todo[1]} is not implemented yet${todo[2] ? `: ${firstLine(todo[2])}` : ''}` };
  const timedOut = TIMED_OUT.exec(error.message);
  if (timedOut) {
    return {
      kind: 'never-settled',
      message: `the test waited ${timedOut[1]} ms of real time for your code, which never settled (a promise that never resolves or rejects?)`,
    };
  }
  const exit = PROCESS_EXIT.exec(error.message);
  if (exit) return { kind: 'crash', message: `your code called process.exit(${exit[1]}); a library function must throw or reject instead` };
  return { message: firstLine(error.message).replace(MATCHER_JARGON, '') };
}

/** Vitest's note on how it compared; the learner needs the values, not the algorithm. */
const MATCHER_JARGON = / \/\/ Object\.is equality$/;

/** Errors of a whole test file: it could not be imported or its worker died. */
export function classifyModuleError(error: RawError): Classified {
  if (SYNTAX.test(error.message) || error.name === 'SyntaxError') {
    return { kind: 'compile-error', message: `your code does not compile: ${compileDetail(error.message)}` };
  }
  const exit = PROCESS_EXIT.exec(error.message);
  if (exit) return { kind: 'crash', message: `your module called process.exit(${exit[1]}) while it was being loaded` };
  return { kind: 'crash', message: `loading or running your module failed: ${error.name}: ${firstLine(error.message)}` };
}

/**
 * The useful part of a transform error sits below its first line: Vite's oxc writes
 * "[PARSE_ERROR] Unexpected token" and "╭─[ file:2:14 ]"; esbuild writes "file:2:14: ERROR: …".
 */
function compileDetail(message: string): string {
  const problem = /\[[A-Z_]+\] (.+)/.exec(message)?.[1];
  const where = /╭─\[ (.+?) \]/.exec(message)?.[1];
  if (problem) return where ? `${problem} at ${where}` : problem;
  return firstLine(message.split('\n').find((line) => line.includes('ERROR:')) ?? message);
}

function firstLine(message: string): string {
  const trimmed = message.trim();
  const line = trimmed.split('\n')[0] ?? '';
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}
