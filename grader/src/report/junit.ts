import type { ExerciseResult, Scorecard, Tampering, TestResult } from '../scorecard.ts';
import { splitLocation } from './github.ts';
import { capText, escapeMarkup, secondsOf } from './untrusted.ts';

/**
 * JUnit XML as CI test-report viewers read it (the Ant/Jenkins dialect): `<testsuites>`, one
 * `<testsuite>` per exercise, one `<testcase>` per test. tickwork times exercises, not single tests,
 * so a testcase's `time` is 0 and its suite carries the exercise's time.
 */

const MESSAGE_ATTRIBUTE_CAP = 1_000;
const BODY_CAP = 8_000;

interface Case {
  name: string;
  classname: string;
  /** `<failure>`, `<error>` or `<skipped>`, already serialised; empty for a pass. */
  outcome: string;
  kind: 'passed' | 'failure' | 'error' | 'skipped';
  file?: string;
  line?: number;
}

interface Suite {
  name: string;
  time: string;
  properties: Array<[string, string]>;
  cases: Case[];
}

const attr = (value: string): string => `"${escapeMarkup(value, 'attribute')}"`;

function outcomeElement(element: 'failure' | 'error', message: string, type: string, body: string): string {
  return `<${element} message=${attr(capText(message, MESSAGE_ATTRIBUTE_CAP))} type=${attr(type)}>${escapeMarkup(capText(body, BODY_CAP))}</${element}>`;
}

function testCase(test: TestResult, classname: string): Case {
  const where = test.location ? splitLocation(test.location) : undefined;
  const base = { name: test.name, classname, ...(where ? { file: where.file, line: where.line } : {}) };
  if (test.status === 'passed') return { ...base, kind: 'passed', outcome: '' };
  if (test.status === 'skipped') return { ...base, kind: 'skipped', outcome: '<skipped/>' };
  const message = test.message ?? 'the test failed';
  const body = [message, ...(test.location ? [`at ${test.location}`] : []), ...(test.output ? ['', 'output:', test.output] : [])].join('\n');
  return { ...base, kind: 'failure', outcome: outcomeElement('failure', message, test.kind ?? 'AssertionError', body) };
}

/**
 * A failure of the exercise as a whole (it did not load, it blocked, the grade ran out of time), or an
 * exercise with no test result at all, is one `<error>` testcase: a viewer then counts it.
 */
function exerciseCase(exercise: ExerciseResult, scorecard: Scorecard): Case | undefined {
  const classname = exercise.slug;
  if (exercise.failure) {
    return { name: `(exercise) ${exercise.failure.kind}`, classname, kind: 'error', outcome: outcomeElement('error', exercise.failure.message, exercise.failure.kind, exercise.failure.message) };
  }
  if (exercise.tests.length > 0) return undefined;
  if (exercise.status === 'ungraded') {
    return { name: '(exercise) graded in CI', classname, kind: 'skipped', outcome: `<skipped message=${attr('every test of this exercise is withheld from this edition')}/>` };
  }
  if (exercise.status === 'passed') return undefined;
  const message = scorecard.aborted?.message ?? `no test of ${exercise.slug} reported a result`;
  return { name: '(exercise) no result', classname, kind: 'error', outcome: outcomeElement('error', message, exercise.status, message) };
}

function exerciseSuite(exercise: ExerciseResult, scorecard: Scorecard): Suite {
  const cases = exercise.tests.map((t) => testCase(t, exercise.slug));
  const whole = exerciseCase(exercise, scorecard);
  return {
    name: exercise.slug,
    time: secondsOf(exercise.durationMs),
    properties: [
      ['title', exercise.title],
      ['module', String(exercise.module)],
      ['status', exercise.status],
      ['points', String(exercise.points)],
      ['maxPoints', String(exercise.maxPoints)],
    ],
    cases: whole ? [whole, ...cases] : cases,
  };
}

/** Changed files outside the learner's allow-list: a failed testcase each, so CI shows them too. */
function tamperingSuite(tampering: Tampering[]): Suite {
  return {
    name: 'tampering',
    time: secondsOf(0),
    properties: [],
    cases: tampering.map((t) => ({
      name: t.file,
      classname: 'tampering',
      kind: 'failure',
      outcome: outcomeElement('failure', `${t.change} outside the learner files: ignored for grading`, 'tampering', `${t.file}: ${t.change}`),
    })),
  };
}

const count = (cases: Case[], kind: Case['kind']): number => cases.filter((c) => c.kind === kind).length;

function counts(cases: Case[]): string {
  return `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}"`;
}

function suiteXml(suite: Suite, timestamp: string): string[] {
  const lines = [`  <testsuite name=${attr(suite.name)} ${counts(suite.cases)} time="${suite.time}" timestamp=${attr(timestamp)}>`];
  if (suite.properties.length > 0) {
    lines.push('    <properties>', ...suite.properties.map(([name, value]) => `      <property name=${attr(name)} value=${attr(value)}/>`), '    </properties>');
  }
  for (const c of suite.cases) {
    const where = c.file ? ` file=${attr(c.file)} line="${c.line}"` : '';
    const open = `    <testcase name=${attr(c.name)} classname=${attr(c.classname)} time="0"${where}`;
    lines.push(c.outcome ? `${open}>${c.outcome}</testcase>` : `${open}/>`);
  }
  lines.push('  </testsuite>');
  return lines;
}

export function renderJunit(scorecard: Scorecard): string {
  const suites = scorecard.exercises.map((e) => exerciseSuite(e, scorecard));
  if (scorecard.tampering && scorecard.tampering.length > 0) suites.push(tamperingSuite(scorecard.tampering));
  const all = suites.flatMap((s) => s.cases);
  // Ant's schema wants a local timestamp without zone; the scorecard's is UTC.
  const timestamp = scorecard.createdAt.replace(/(\.\d+)?Z$/, '');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tickwork" ${counts(all)} time="${secondsOf(scorecard.durationMs)}">`,
    ...suites.flatMap((s) => suiteXml(s, timestamp)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
