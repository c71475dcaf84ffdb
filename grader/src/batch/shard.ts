import { UsageError } from '../errors.ts';
import type { BatchShard } from './manifest.ts';

/** `--shard i/n`: the i-th of n parts of the class, 1-based as in a GitHub Actions matrix. */
export function parseShard(text: string): BatchShard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(text)}: expected i/n with 1 <= i <= n, e.g. --shard 2/5`);
  }
  return { index, count };
}

/**
 * Order of learner names everywhere in a batch (shards, manifest, gradebook): by Unicode code point,
 * not by locale, so every machine and every runner of a matrix sorts a class the same way.
 */
export function compareNames(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - i - (b.length - j));
}

/**
 * The learners one shard grades: the names sorted, then cut into `count` contiguous chunks whose sizes
 * differ by at most one (shard i takes [floor((i-1)·n/count), floor(i·n/count))). Every runner of a
 * matrix computes the same cut from the same folder, so the shards together hold each learner exactly once.
 */
export function learnersOfShard(names: string[], shard: BatchShard | null): string[] {
  const sorted = [...names].sort(compareNames);
  if (!shard) return sorted;
  const start = Math.floor(((shard.index - 1) * sorted.length) / shard.count);
  const end = Math.floor((shard.index * sorted.length) / shard.count);
  return sorted.slice(start, end);
}
