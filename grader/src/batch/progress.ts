/**
 * What `pnpm grade --submissions` shows while it grades. On a terminal: one status line rewritten in
 * place (`\r`), with each flagged learner printed on a line of its own above it, so the names an
 * instructor must look at stay on screen. Anywhere else (a CI log, a pipe): one plain line per learner
 * as they finish, no `\r`, no ANSI, so the log reads top to bottom.
 */
import { percentOf } from './gradebook.ts';
import type { BatchLearner } from './manifest.ts';

/** process.stdout or process.stderr fit; tests pass a plain object. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface Progress {
  started(name: string): void;
  finished(name: string, entry: BatchLearner): void;
  /** Leaves the final status line in place (terminal) or prints a summary line; once. */
  done(): void;
}

const BAR_WIDTH = 24;
const NAME_CAP = 60;
/** Erase from the cursor to the end of the line: the new status line may be shorter than the old. */
const CLEAR_TO_END = '\x1b[K';

export function createProgress(stream: ProgressStream, total: number, now: () => number = Date.now): Progress {
  const startedAt = now();
  let running = 0;
  let finished = 0;
  let ended = false;
  const tty = stream.isTTY === true;

  const statusLine = (): string => {
    const elapsed = now() - startedAt;
    const filled = total > 0 ? Math.round((finished / total) * BAR_WIDTH) : BAR_WIDTH;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
    // Throughput so far times what is left: rough, but it needs no model of the pool.
    const eta = finished > 0 && finished < total ? `  ~${clock(((total - finished) * elapsed) / finished)} left` : '';
    const line = `${bar} ${finished}/${total}  ${running} running  ${clock(elapsed)} elapsed${eta}`;
    // A line wider than the terminal wraps, and `\r` would then rewrite only its last part.
    return stream.columns && stream.columns > 1 ? line.slice(0, stream.columns - 1) : line;
  };
  const draw = (): void => {
    stream.write(`\r${statusLine()}${CLEAR_TO_END}`);
  };
  // A learner's grade takes seconds: the clock on the status line keeps moving between events.
  const ticker = tty ? setInterval(draw, 1000) : undefined;
  ticker?.unref();

  return {
    started() {
      running += 1;
      if (tty) draw();
    },
    finished(name, entry) {
      running = Math.max(0, running - 1);
      finished += 1;
      const flags = entry.flags.join(', ');
      if (tty) {
        if (flags) stream.write(`\r${CLEAR_TO_END}! ${displayName(name)}: ${flags}\n`);
        draw();
      } else {
        const score = `${entry.points}/${entry.maxPoints}  ${percentOf(entry.points, entry.maxPoints)}%`;
        stream.write(`${displayName(name)}  ${score}${flags ? `  ! ${flags}` : ''}\n`);
      }
    },
    done() {
      if (ended) return;
      ended = true;
      clearInterval(ticker);
      if (tty) {
        draw();
        stream.write('\n');
      } else {
        stream.write(`${finished}/${total} graded in ${clock(now() - startedAt)}\n`);
      }
    },
  };
}

/**
 * A learner names their own folder: control characters (an escape sequence could rewrite the screen),
 * bidirectional overrides and line breaks become `?`, and a long name is cut.
 */
export function displayName(name: string): string {
  const safe = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
  return safe.length > NAME_CAP ? `${safe.slice(0, NAME_CAP - 1)}…` : safe;
}

/** m:ss, or h:mm:ss from an hour on. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
