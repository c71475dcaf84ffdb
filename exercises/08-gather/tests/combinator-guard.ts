import { afterAll, afterEach, beforeEach } from 'vitest';

/**
 * Switches off Promise.all, allSettled, any and race while a test runs, so the exercise is really
 * written from `new Promise` and `.then`.
 *
 * The replacements are first installed when this module loads, that is BEFORE the test file imports
 * the learner's module: a module that keeps a reference (`const all = Promise.all.bind(Promise)`)
 * keeps a replacement, not the built-in. Inside a test a replacement records the call and throws an
 * error that tells the learner what happened; outside a test it passes the call through to the
 * built-in. Between tests, and after the file, Promise holds the built-ins again, so vitest's own
 * bookkeeping never meets a replacement.
 */
const BUILT_INS = ['all', 'allSettled', 'any', 'race'] as const;
type BuiltIn = (typeof BUILT_INS)[number];

export interface CombinatorCall {
  builtIn: BuiltIn;
  /** The function under test when the call happened. */
  during: string;
}

type Combinator = (...args: unknown[]) => unknown;
const promiseStatics = Promise as unknown as Record<BuiltIn, Combinator>;
const calls: CombinatorCall[] = [];
let active = false;
let during = 'your code';

function replacementOf(name: BuiltIn, original: Combinator): Combinator {
  // A method definition keeps the built-in's name, so stack traces and `Promise.all.name` look familiar.
  return {
    [name](this: unknown, ...args: unknown[]): unknown {
      if (!active) return Reflect.apply(original, this, args);
      calls.push({ builtIn: name, during });
      throw new TypeError(
        `the built-in Promise.${name} was called during a ${during} test: write ${during} with new Promise and .then (or await), ` +
          'because these tests switch Promise.all, allSettled, any and race off (see README.md)',
      );
    },
  }[name]!;
}

const originals = new Map(BUILT_INS.map((name) => [name, promiseStatics[name]] as const));
const replacements = new Map(BUILT_INS.map((name) => [name, replacementOf(name, originals.get(name)!)] as const));

/** Puts either set of functions on Promise, keeping the properties as the built-ins have them. */
function put(set: ReadonlyMap<BuiltIn, Combinator>): void {
  for (const [name, value] of set) Object.defineProperty(Promise, name, { configurable: true, writable: true, value });
}

put(replacements);

export interface CombinatorGuard {
  /** Names the function under test, for the error message; lasts until the test ends. */
  blame(functionName: string): void;
  /** Calls of a built-in combinator made during the current test. */
  calls(): readonly CombinatorCall[];
}

/** Arms the replacements for each test of the file; call once at the top of the test file. */
export function forbidBuiltInCombinators(): CombinatorGuard {
  beforeEach(() => {
    calls.length = 0;
    during = 'your code';
    put(replacements);
    active = true;
  });
  afterEach(() => {
    active = false;
    put(originals);
  });
  afterAll(() => put(originals));
  return {
    blame: (functionName) => {
      during = functionName;
    },
    calls: () => [...calls],
  };
}
