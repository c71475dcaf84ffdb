import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** What a path digests to when nothing is there: its absence is part of a key too. */
export const MISSING = 'missing';

/**
 * Folders never part of a key: installed packages (the lockfile stands for them), and tool folders
 * (`.tickwork` itself, `.turbo` logs, `.git`, editor settings) that nothing under test reads.
 */
function skippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Files whose relative string literals may name code the tests run (an import, a worker's URL). */
const CODE_FILE = /\.(?:[mc]?[jt]s|[jt]sx)$/;
/** A string literal that is a relative path: './x', '../y/z.ts'. Bare '.' and '..' name folders, not code. */
const RELATIVE_LITERAL = /(['"`])(\.\.?\/[^'"`\s]+?)\1/g;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Reads and hashes the files a result depends on. Contents, never timestamps: a file saved with the
 * same size and time but other bytes still changes its hash. One reader serves one moment: it
 * remembers what it read, so the files every exercise shares are read once per grade.
 */
export class InputReader {
  private readonly contents = new Map<string, Buffer | null>();
  private readonly listings = new Map<string, string[]>();
  /** Every file and folder looked at (the launcher's hint re-checks them: bin/launch-hint.mjs). */
  readonly touched = new Set<string>();

  private read(path: string): Buffer | null {
    let content = this.contents.get(path);
    if (content === undefined) {
      this.touched.add(path);
      try {
        content = readFileSync(path);
      } catch {
        content = null;
      }
      this.contents.set(path, content);
    }
    return content;
  }

  /** sha256 of a file's bytes, or MISSING. */
  file(path: string): string {
    const content = this.read(path);
    return content === null ? MISSING : sha256(content);
  }

  /** Every file below `dir`, sorted, skipping node_modules and dot-folders; [] when it is no folder. */
  filesUnder(dir: string): string[] {
    const known = this.listings.get(dir);
    if (known) return known;
    const files: string[] = [];
    const walk = (folder: string, seen: ReadonlySet<string>): void => {
      this.touched.add(folder);
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(folder, entry.name);
        const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory());
        if (isDir) {
          // A symbolic link back up the tree would never end.
          if (!skippedFolder(entry.name) && !seen.has(path)) walk(path, new Set([...seen, path]));
        } else {
          files.push(path);
        }
      }
    };
    walk(dir, new Set([dir]));
    this.listings.set(dir, files);
    return files;
  }

  /** Digest of a folder: each file's path (relative to it) and content hash. MISSING when empty or absent. */
  tree(dir: string): string {
    const files = this.filesUnder(dir);
    if (files.length === 0) return MISSING;
    return sha256(files.map((file) => `${relative(dir, file)}\0${this.file(file)}\n`).join(''));
  }

  /** A file's or a folder's digest, whichever `path` is. */
  path(path: string): string {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) {
      this.touched.add(path);
      return MISSING;
    }
    return stat.isDirectory() ? this.tree(path) : this.file(path);
  }

  /**
   * Digest of a path found by `referencedOutside`: a file's content hash; for a folder only that it is
   * one (its contents are not followed: a stray '../../..' would otherwise hash the whole disk).
   */
  reference(path: string): string {
    const stat = statSync(path, { throwIfNoEntry: false });
    this.touched.add(path);
    if (!stat) return MISSING;
    return stat.isDirectory() ? 'folder' : this.file(path);
  }

  /**
   * Paths outside `covered` folders that code inside them names by a relative path — a learner's
   * `import … from '../../21-p-retry/src/index.ts'`, a worker started from `new URL('../shared/w.ts', …)`
   * — followed transitively. A name that resolves to nothing is returned too (as the path it would
   * be), so creating that file later changes the key. Found by the literal text: a path computed at
   * run time is not seen.
   */
  referencedOutside(covered: string[]): string[] {
    const inside = (path: string): boolean => covered.some((dir) => path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`));
    const found = new Set<string>();
    const queue = covered.flatMap((dir) => this.filesUnder(dir));
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (!CODE_FILE.test(file)) continue;
      const text = this.read(file)?.toString('utf8') ?? '';
      for (const [, , spec] of text.matchAll(RELATIVE_LITERAL)) {
        const { path, exists } = this.resolveReference(file, spec!);
        if (inside(path) || found.has(path)) continue;
        found.add(path);
        if (exists) queue.push(path);
      }
    }
    return [...found].sort();
  }

  /** The file a relative specifier means, as Node and TypeScript resolve it (`./x.js` may be `x.ts`). */
  private resolveReference(from: string, spec: string): { path: string; exists: boolean } {
    const base = resolve(dirname(from), spec.replace(/[?#].*$/, ''));
    const candidates = [base, base.replace(/\.([mc]?)js$/, '.$1ts'), `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
    const file = candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
    return file ? { path: file, exists: true } : { path: base, exists: false };
  }
}
