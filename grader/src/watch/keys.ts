/** What a key asks the watch to do. */
export type WatchKey = 'hint' | 'next' | 'list' | 'quit';

/** A readable stream of keys: `process.stdin`, or a PassThrough in tests. */
export type KeyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

const CTRL_C = '\u0003';

/** Keys as rustlings has them; anything else (Enter, arrows, a typo) is ignored. */
export function keyOf(char: string): WatchKey | undefined {
  switch (char) {
    case 'h':
    case 'H':
      return 'hint';
    case 'n':
    case 'N':
      return 'next';
    case 'l':
    case 'L':
      return 'list';
    case 'q':
    case 'Q':
    case CTRL_C:
      return 'quit';
    default:
      return undefined;
  }
}

/**
 * Reads single keys from `input`. A terminal is put in raw mode so a key acts without Enter (and
 * Ctrl-C arrives as a key, not a signal); a pipe delivers whole lines, whose characters count one by
 * one. Returns the function that stops listening and gives the terminal back as it was.
 */
export function listenForKeys(input: KeyInput, onKey: (key: WatchKey) => void): () => void {
  const raw = input.isTTY === true && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  input.setEncoding('utf8');
  const onData = (chunk: string | Buffer): void => {
    for (const char of String(chunk)) {
      const key = keyOf(char);
      if (key) onKey(key);
    }
  };
  input.on('data', onData);
  input.resume();
  return () => {
    input.removeListener('data', onData);
    if (raw) input.setRawMode!(false);
    input.pause();
    // A paused pipe still holds the process open (Node 20): let go of it, as a terminal lets go once paused.
    (input as { unref?: () => void }).unref?.();
  };
}
