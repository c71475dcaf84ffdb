import type { Exercise } from '../discover/discover.ts';

/** What a learner owns in an exercise folder when its metadata says nothing. */
export const DEFAULT_LEARNER_FILES = ['src/**'];

/** `*` within one path segment, `**` across segments, `?` one character; nothing else is special. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      // `dir/**` also matches `dir/` itself (nothing to match) and `**/x` matches `x` at any depth.
      const slashAfter = glob[i + 2] === '/';
      pattern += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

export interface AllowList {
  /** True when a learner may change `path` (relative to the repository root, `/`-separated). */
  allows(path: string): boolean;
  /** The globs applied, relative to the repository root, for the scorecard's provenance. */
  globs: string[];
}

/**
 * Built from the TRUSTED exercises (the base commit's metadata): a submission cannot widen its own
 * allow-list by editing its package.json, because that file is not on it.
 */
export function allowListOf(exercises: Exercise[], root: string): AllowList {
  const byFolder = new Map<string, RegExp[]>();
  const globs: string[] = [];
  for (const exercise of exercises) {
    const folder = exercise.dir.slice(root.length + 1).split('\\').join('/');
    const own = exercise.metadata.learnerFiles ?? DEFAULT_LEARNER_FILES;
    byFolder.set(folder, own.map(globToRegExp));
    globs.push(...own.map((glob) => `${folder}/${glob}`));
  }
  return {
    globs,
    allows(path) {
      const folder = /^exercises\/[^/]+/.exec(path)?.[0];
      const rest = folder === undefined ? undefined : path.slice(folder.length + 1);
      return rest !== undefined && rest !== '' && (byFolder.get(folder!) ?? []).some((glob) => glob.test(rest));
    },
  };
}
