import type { NewExercise } from '../plan.ts';

/** The template tests are worth 1 + 1 + 2 points (templates/code.ts); metadata must say the same. */
export const TEMPLATE_POINTS = 4;

/** The guide section a module carries over (docs/contract.md): modules 1–5 are §1–§5, 6 and 7 go beyond. */
const guideOf = (module: number): string => (module <= 5 ? `§${module}` : 'beyond');

/**
 * A workspace package like every exercise's: `#impl` points at the stub for editors, the testkit is
 * its one dependency. Difficulty and concepts are the author's call; the concepts say so, and verify
 * rejects the file until they do not.
 */
export function packageJson(exercise: NewExercise): string {
  const pkg = {
    name: `@tickwork/exercise-${exercise.slug}`,
    version: '0.0.0',
    private: true,
    type: 'module',
    imports: { '#impl': './src/index.ts' },
    scripts: { typecheck: 'tsc -p tsconfig.json' },
    devDependencies: { '@tickwork/testkit': 'workspace:*' },
    tickwork: {
      title: exercise.title,
      module: exercise.module,
      order: exercise.order,
      difficulty: 'medium',
      concepts: ['TODO(author): what it teaches, a few words each'],
      guide: guideOf(exercise.module),
      points: TEMPLATE_POINTS,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  return `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'tests'] }, null, 2)}\n`;
}
