import { relative } from 'node:path';

const FRAME_PATH = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/;

/**
 * The first stack frame inside the code under test, as `src/index.ts:12:5` relative to `base`:
 * where the learner should look. Frames of the hidden tests, the testkit and libraries are never shown.
 */
export function learnerLocation(stack: string | undefined, implDir: string, base: string): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    const match = FRAME_PATH.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.replace(/^file:\/\//, '');
    if (!file.startsWith(implDir) || file.includes('/node_modules/')) continue;
    return `${relative(base, file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
