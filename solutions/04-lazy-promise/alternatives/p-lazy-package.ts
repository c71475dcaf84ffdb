// Correct by construction: the npm package this exercise is compatible with, p-lazy 5.
import PLazy from 'p-lazy';

export const lazy = <T>(fn: () => T | PromiseLike<T>): Promise<T> => PLazy.from(fn);
