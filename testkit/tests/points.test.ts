import { describe, expect, it } from 'vitest';
import { points } from '../src/index.ts';

describe('points()', () => {
  it('gives a test its points, hidden by default', () => {
    expect(points(3)).toEqual({ meta: { points: 3 } });
  });

  it('marks one test public with { public: true }', () => {
    expect(points(2, { public: true })).toEqual({ meta: { points: 2, public: true } });
    expect(points(2, { public: false })).toEqual({ meta: { points: 2 } });
  });

  it('reaches vitest as task meta', points(1, { public: true }), ({ task }) => {
    expect(task.meta).toMatchObject({ points: 1, public: true });
  });

  it('rejects points that are not a whole number of at least 1', () => {
    expect(() => points(0)).toThrow(/whole number of at least 1/);
    expect(() => points(1.5, { public: true })).toThrow(/whole number of at least 1/);
  });
});
