/** One `pnpm <name>` command: its own options, its own help, an exit code. */
export interface Command {
  /** The usage line(s) shown by --help and on a usage error. */
  usage: string;
  run(args: string[], context: CommandContext): Promise<number>;
}

export interface CommandContext {
  /** The workbook this grader belongs to (its repository root). */
  root: string;
  /** Prints the command's usage and returns exit code 0. */
  help(command: Command): number;
}
