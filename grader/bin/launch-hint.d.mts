/** Types of launch-hint.mjs (plain JavaScript so the launcher can read it before tsx is registered). */
export declare function hintArgs(args: readonly string[]): string[];
export declare function writeLaunchHint(root: string, args: readonly string[], paths: readonly string[]): void;
export declare function dropLaunchHint(root: string): void;
export declare function looksCached(argv: readonly string[], defaultRoot: string): boolean;
