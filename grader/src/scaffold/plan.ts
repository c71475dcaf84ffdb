import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

/** What `pnpm new` is about to create, decided and checked before a single file is written. */
export interface NewExercise {
  /** `NN-words`, the folder name under exercises/ and solutions/. */
  slug: string;
  order: number;
  title: string;
  module: number;
  /** Where the module was taken from when --module was not given, for the summary. */
  moduleFrom?: string;
}

export interface NewOptions {
  name: string;
  title?: string;
  module?: string;
}

const WORDS = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NUMBERED = /^(\d{2})-(.+)$/;
const SLUG_RULE = 'an exercise name is lower-case words joined by "-", optionally after its two-digit number (e.g. 28-p-debounce or p-debounce)';

/** Exercise folders by number, from exercises/ and solutions/ alike: a half-deleted exercise still holds its number. */
function takenFolders(root: string): Array<{ slug: string; order: number }> {
  const folders = ['exercises', 'solutions'].flatMap((dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []));
  return [...new Set(folders)].flatMap((slug) => {
    const match = NUMBERED.exec(slug);
    return match && WORDS.test(match[2]!) ? [{ slug, order: Number(match[1]) }] : [];
  });
}

/** The module of the exercise just before `order`: a new exercise most often continues its neighbour's topic. */
function neighbourModule(root: string, order: number, taken: Array<{ slug: string; order: number }>): { module: number; from?: string } {
  const before = taken.filter((t) => t.order < order).sort((a, b) => b.order - a.order);
  for (const { slug } of before) {
    try {
      const module = (JSON.parse(readFileSync(join(root, 'exercises', slug, 'package.json'), 'utf8')) as { tickwork?: { module?: unknown } }).tickwork?.module;
      if (Number.isInteger(module) && (module as number) >= 1 && (module as number) <= 7) return { module: module as number, from: slug };
    } catch {
      // A neighbour without readable metadata says nothing about the module; try the one before.
    }
  }
  return { module: 1 };
}

function parseModule(value: string): number {
  const module = Number(value);
  if (!/^\d+$/.test(value) || module < 1 || module > 7) throw new UsageError(`--module ${value}: expected a module number from 1 to 7 (docs/contract.md lists them)`);
  return module;
}

/**
 * Checks the name and picks the number: `NN-words` keeps NN, `words` gets the next free number.
 * Refuses a folder that exists, a number that is taken and words another exercise already uses.
 */
export function planNewExercise(root: string, options: NewOptions): NewExercise {
  if (!existsSync(join(root, 'exercises'))) throw new UsageError(`no exercises/ folder under ${root}: run tickwork from the workbook's root`);
  const name = options.name.replace(/\/$/, '');
  const number = /^(\d+)-/.exec(name)?.[1];
  if (number !== undefined && number.length !== 2) {
    const fixed = number.length === 1 ? ` (0${name})` : '';
    throw new UsageError(`"${options.name}": the number in front has two digits${fixed}, or leave it out to take the next free one`);
  }
  const numbered = NUMBERED.exec(name);
  const words = numbered ? numbered[2]! : name;
  if (!WORDS.test(words)) throw new UsageError(`"${options.name}": ${SLUG_RULE}`);
  const taken = takenFolders(root);
  const order = numbered ? Number(numbered[1]) : Math.max(0, ...taken.map((t) => t.order)) + 1;
  if (order < 1 || order > 99) throw new UsageError(`"${options.name}": exercise numbers run from 01 to 99${numbered ? '' : ' and every one is taken'}`);
  const slug = `${String(order).padStart(2, '0')}-${words}`;
  for (const dir of ['exercises', 'solutions']) {
    if (existsSync(join(root, dir, slug))) throw new UsageError(`${dir}/${slug} exists already: nothing was written (pick another name, or edit that exercise)`);
  }
  const sameNumber = taken.find((t) => t.order === order);
  if (sameNumber) {
    const next = Math.max(...taken.map((t) => t.order)) + 1;
    throw new UsageError(`number ${slug.slice(0, 2)} is taken by ${sameNumber.slug}: nothing was written (the next free number is ${String(next).padStart(2, '0')})`);
  }
  const sameWords = taken.find((t) => t.slug.slice(3) === words);
  if (sameWords) throw new UsageError(`an exercise named "${words}" exists already (${sameWords.slug}): nothing was written`);
  if (options.title !== undefined && options.title.trim() === '') throw new UsageError('--title: the title must not be empty');
  const chosen = options.module === undefined ? neighbourModule(root, order, taken) : { module: parseModule(options.module) };
  return {
    slug,
    order,
    title: options.title?.trim() ?? `TODO(author): the title of ${words}`,
    module: chosen.module,
    ...(chosen.from ? { moduleFrom: chosen.from } : {}),
  };
}
