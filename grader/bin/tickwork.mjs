#!/usr/bin/env node
// Plain JavaScript on purpose: it must run before dependencies exist, to say how to install them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const needed = ['tsx', 'vitest', '@sinonjs/fake-timers'];
const missing = needed.filter((name) => !existsSync(`${root}node_modules/${name}/package.json`));
if (missing.length > 0) {
  console.error(`tickwork: dependencies are not installed (missing ${missing.join(', ')}): run \`pnpm install\` in ${root}`);
  process.exit(2);
}
// Loaded before tsx's hooks are in place: through them, vitest's hundreds of modules take 3x longer.
// Not loaded at all when the grade looks like one that replays every result from the cache: then
// no test runs, and skipping vitest is what makes such a re-grade instant (launch-hint.mjs).
const { looksCached } = await import('./launch-hint.mjs');
if (!looksCached(process.argv.slice(2), root)) await import('vitest/node');
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
