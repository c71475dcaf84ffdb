import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked, type Tokens } from 'marked';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import { classroomNotice, classroomResult, classroomStepOutput } from '../src/report/classroom.ts';
import { DEFAULT_REPORT_FILES, parseReportSpec, renderReport, REPORT_FORMATS, type ReportFormat, type ReportOptions } from '../src/report/formats.ts';
import { githubAnnotations, MAX_ANNOTATIONS, stopCommands } from '../src/report/github.ts';
import { renderJson } from '../src/report/json.ts';
import { MARKDOWN_MARKER } from '../src/report/markdown.ts';
import { notStarted, renderTerminal } from '../src/report/terminal.ts';
import { capText } from '../src/report/untrusted.ts';
import type { ExerciseResult, Scorecard } from '../src/scorecard.ts';
import { bigScorecard, HOSTILE_MESSAGE, reportScorecard } from './report-fixture.ts';

// Every format is written to a file and read back with a parser or a schema: what a viewer, Gradescope,
// GitHub Classroom or a browser would read, compared with the scorecard it came from.

const OPTIONS: ReportOptions = { lang: 'en', color: false, hiddenVisibility: 'after_published' };
const dir = mkdtempSync(join(tmpdir(), 'tickwork-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Renders through the one entry point the CLI uses, writes the file, and reads back what was written. */
function written(format: ReportFormat, scorecard: Scorecard = reportScorecard(), options: ReportOptions = OPTIONS): string {
  const file = join(dir, `${format}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, renderReport(format, scorecard, options));
  return readFileSync(file, 'utf8');
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'property', 'text'].includes(name),
});

/** What a browser or GitHub shows for an entity-escaped string. */
function decodeEntities(markup: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return markup.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

/** Learner text as every report keeps it: terminal colour sequences and control characters dropped. */
const cleaned = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A runner reads a line as a workflow command when it starts with `::` after leading white space. */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'));

/** Expected JUnit counts, from the scorecard, by the rules docs/scorecard.md gives. */
function junitCounts(exercise: ExerciseResult) {
  const whole = exercise.failure !== undefined || (exercise.tests.length === 0 && exercise.status !== 'passed' && exercise.status !== 'ungraded');
  return {
    tests: exercise.tests.length + (whole ? 1 : 0),
    failures: exercise.tests.filter((t) => t.status === 'failed').length,
    errors: whole ? 1 : 0,
    skipped: exercise.tests.filter((t) => t.status === 'skipped').length,
  };
}

describe('--report FORMAT[=FILE]', () => {
  it('reads FORMAT=FILE, prints terminal alone to standard output, and gives every other format a default file', () => {
    expect(parseReportSpec('markdown=out/summary.md')).toEqual({ format: 'markdown', file: 'out/summary.md' });
    expect(parseReportSpec('terminal')).toEqual({ format: 'terminal' });
    expect(parseReportSpec('junit=reports/a=b.xml')).toEqual({ format: 'junit', file: 'reports/a=b.xml' });
    for (const format of REPORT_FORMATS.filter((f) => f !== 'terminal')) {
      expect(parseReportSpec(format)).toEqual({ format, file: DEFAULT_REPORT_FILES[format] });
    }
    expect(DEFAULT_REPORT_FILES).toEqual({
      json: 'scorecard.json',
      markdown: 'scorecard.md',
      junit: 'junit.xml',
      gradescope: 'results.json',
      classroom: 'classroom.json',
      html: 'scorecard.html',
      badge: 'badge.svg',
    });
  });

  it('refuses an unknown format naming the valid ones, and an empty file name', () => {
    expect(() => parseReportSpec('pdf=x.pdf')).toThrow(UsageError);
    expect(() => parseReportSpec('pdf=x.pdf')).toThrow(/terminal, json, markdown, junit, gradescope, classroom, html, badge/);
    expect(() => parseReportSpec('')).toThrow(UsageError);
    expect(() => parseReportSpec('markdown=')).toThrow(/file name .* is empty/);
    expect(() => parseReportSpec('=scorecard.md')).toThrow(UsageError);
  });

  it('renders terminal and json with the existing renderers', () => {
    const card = reportScorecard();
    expect(renderReport('terminal', card, OPTIONS)).toBe(renderTerminal(card, { color: false, lang: 'en' }));
    expect(renderReport('json', card, OPTIONS)).toBe(renderJson(card));
  });
});

describe('JUnit XML', () => {
  const card = reportScorecard();
  const text = written('junit', card);
  const doc = xml.parse(text);
  const suites: any[] = doc.testsuites.testsuite;

  it('is well-formed XML 1.0 although messages hold markup, "]]>" and control characters', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('has a testsuite per exercise whose counts and time match the scorecard', () => {
    expect(suites.slice(0, card.exercises.length).map((s) => s.name)).toEqual(card.exercises.map((e) => e.slug));
    for (const [index, exercise] of card.exercises.entries()) {
      const suite = suites[index];
      const expected = junitCounts(exercise);
      expect({ tests: +suite.tests, failures: +suite.failures, errors: +suite.errors, skipped: +suite.skipped }, exercise.slug).toEqual(expected);
      expect(suite.testcase).toHaveLength(expected.tests);
      expect(Number(suite.time)).toBeCloseTo(exercise.durationMs / 1000, 3);
      const points = suite.properties.property.find((p: any) => p.name === 'points');
      expect(Number(points.value)).toBe(exercise.points);
    }
  });

  it('sums the suites into <testsuites>, tampering counted as failures of its own suite', () => {
    const tampering = suites.find((s) => s.name === 'tampering');
    expect(tampering.testcase.map((c: any) => c.name)).toEqual(card.tampering!.map((t) => t.file));
    for (const key of ['tests', 'failures', 'errors', 'skipped']) {
      expect(Number(doc.testsuites[key]), key).toBe(suites.reduce((sum, s) => sum + Number(s[key]), 0));
    }
    expect(Number(doc.testsuites.time)).toBeCloseTo(card.durationMs / 1000, 3);
  });

  it('gives a failure its message attribute, a body, and the learner file and line', () => {
    const fetch = suites.find((s) => s.name === '07-fetch-data');
    const failed = fetch.testcase.find((c: any) => c.name === 'main(log) > resolves at t=3000 ms, not t=5000 ms');
    expect(failed.failure.message).toBe(cleaned(HOSTILE_MESSAGE));
    expect(failed.failure.message).toMatch(/and escape red$/);
    expect(failed.failure.type).toBe('never-settled');
    expect(failed.failure['#text']).toContain('<script>alert(1)</script> ]]>');
    expect(failed.failure['#text']).toContain('at exercises/07-fetch-data/src/index.ts:14:3');
    expect(failed).toMatchObject({ file: 'exercises/07-fetch-data/src/index.ts', line: '14', classname: '07-fetch-data', time: '0' });
    expect(fetch.testcase.find((c: any) => c.name === 'gather > rejects with the first error')).toHaveProperty('skipped');
  });

  it('reports an exercise that did not run as an <error> testcase', () => {
    const retry = suites.find((s) => s.name === '12-retry');
    expect(retry.testcase).toHaveLength(1);
    expect(retry.testcase[0].error.type).toBe('compile-error');
    expect(retry.testcase[0].error.message).toBe(card.exercises[3]!.failure!.message);
  });
});

const visibilityValues = { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] };
const formatValues = { enum: ['text', 'html', 'simple_format', 'md', 'ansi'] };
/** Gradescope's "Autograder Specifications": every documented key, nothing else. */
const GRADESCOPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['score'] }, { required: ['tests'] }],
  properties: {
    score: { type: 'number' },
    execution_time: { type: 'number', minimum: 0 },
    output: { type: 'string' },
    output_format: formatValues,
    test_output_format: formatValues,
    test_name_format: formatValues,
    visibility: visibilityValues,
    stdout_visibility: visibilityValues,
    extra_data: { type: 'object' },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          score: { type: 'number' },
          max_score: { type: 'number' },
          status: { enum: ['passed', 'failed'] },
          name: { type: 'string' },
          name_format: formatValues,
          number: { type: 'string' },
          output: { type: 'string' },
          output_format: formatValues,
          tags: { type: 'array', items: { type: 'string' } },
          visibility: visibilityValues,
          extra_data: { type: 'object' },
        },
      },
    },
    leaderboard: { type: 'array', items: { type: 'object', required: ['name', 'value'] } },
  },
};

describe('Gradescope results.json', () => {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(GRADESCOPE_SCHEMA);
  const card = reportScorecard();
  const results = JSON.parse(written('gradescope', card));

  it('follows Gradescope documented format, with every test named, scored, given a status and a visibility', () => {
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    for (const t of results.tests) expect(Object.keys(t)).toEqual(expect.arrayContaining(['name', 'score', 'max_score', 'status', 'visibility']));
    expect(results.output_format).toBe('text');
    expect(results.test_output_format).toBe('text');
  });

  it('scores what the scorecard scores, test by test and in total', () => {
    expect(results.score).toBe(card.totals.points);
    expect(results.tests.reduce((sum: number, t: any) => sum + t.score, 0)).toBe(card.totals.points);
    expect(results.tests.reduce((sum: number, t: any) => sum + t.max_score, 0)).toBe(card.totals.maxPoints);
    expect(results.execution_time).toBe(Math.round(card.durationMs / 1000));
    const failed = results.tests.find((t: any) => t.name === '07-fetch-data › main(log) > resolves at t=3000 ms, not t=5000 ms');
    expect(failed).toMatchObject({ score: 0, max_score: 2, status: 'failed' });
    expect(failed.output).toContain('<script>alert(1)</script>');
    expect(failed.output).toContain('your output:\nfetching 2');
    const retry = results.tests.find((t: any) => t.name.startsWith('12-retry'));
    expect(retry).toMatchObject({ score: 0, max_score: 6, status: 'failed', visibility: 'visible' });
  });

  it('shows public tests, and hidden ones after_published unless configured', () => {
    const byName = (name: string) => results.tests.find((t: any) => t.name.endsWith(name));
    expect(byName('logs sync before microtasks').visibility).toBe('visible');
    expect(byName('logs microtasks before timers').visibility).toBe('after_published');
    const hidden = JSON.parse(written('gradescope', card, { ...OPTIONS, hiddenVisibility: 'hidden' }));
    expect(hidden.tests.find((t: any) => t.name.endsWith('logs microtasks before timers')).visibility).toBe('hidden');
  });

  it('puts tampering first and an unfinished grade in the top-level output', () => {
    expect(results.output.split('\n')[0]).toMatch(/^WARNING: 3 change\(s\) outside the learner files/);
    for (const t of card.tampering!) expect(results.output).toContain(t.file);
    const aborted = JSON.parse(written('gradescope', { ...card, aborted: { reason: 'timed-out', message: 'stopped at its deadline' } }));
    expect(aborted.output).toContain('Grading did not finish (timed-out): stopped at its deadline');
  });
});

/** The runner result as GitHub Classroom's grader actions emit it and its reporter reads it. */
const CLASSROOM_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'status', 'max_score', 'tests'],
  properties: {
    version: { const: 1 },
    status: { enum: ['pass', 'fail', 'error'] },
    max_score: { type: 'number', minimum: 0 },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'status', 'score'],
        properties: {
          name: { type: 'string' },
          status: { enum: ['pass', 'fail', 'error'] },
          score: { type: 'number', minimum: 0 },
          message: { type: ['string', 'null'] },
          test_code: { type: 'string' },
          filename: { type: 'string' },
          line_no: { type: 'integer', minimum: 0 },
          duration: { type: 'number' },
          execution_time: { type: ['number', 'string'] },
        },
      },
    },
  },
};

/** What autograding-grading-reporter does with one runner: decode `<RUNNER>_RESULTS`, print, total. */
function classroomReporter(encoded: string) {
  const results = JSON.parse(Buffer.from(encoded, 'base64').toString('utf-8'));
  const printed: string[] = [];
  for (const test of results.tests) {
    if (test.status === 'pass') printed.push(`✅ ${test.name}${test.line_no !== 0 ? ` - line ${test.line_no}` : ''}`);
    else if (test.status === 'error') printed.push(`Error: ${test.message || `Failed to run test '${test.name}'`}`);
    else printed.push(`❌ ${test.name}${test.line_no !== 0 ? ` - line ${test.line_no}` : ''}`);
  }
  const totalPoints = results.max_score ? results.tests.reduce((sum: number, t: any) => sum + t.score, 0) : 0;
  return { results, printed: printed.join('\n'), notice: `Points ${totalPoints}/${results.max_score}`, failed: results.status === 'fail' || results.status === 'error' };
}

describe('GitHub Classroom runner result', () => {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(CLASSROOM_SCHEMA);
  const card = reportScorecard();
  const file = JSON.parse(written('classroom', card));

  it('is the runner result format, the same in the file and in the base64 step output', () => {
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const line = classroomStepOutput(card);
    expect(line).toMatch(/^result=[A-Za-z0-9+/]+=*$/);
    expect(classroomReporter(line.slice('result='.length)).results).toEqual(file);
  });

  it('gives the reporter the scorecard points, and the notice says the same "Points X/Y"', () => {
    const reporter = classroomReporter(classroomStepOutput(card).slice('result='.length));
    expect(reporter.notice).toBe(`Points ${card.totals.points}/${card.totals.maxPoints}`);
    expect(reporter.results.max_score).toBe(card.totals.maxPoints);
    expect(classroomNotice(card)).toBe(`::notice title=Autograding complete::${reporter.notice}`);
    // Tampering makes the grade one not to trust as it stands: the reporter fails the step.
    expect(file.status).toBe('error');
    expect(reporter.failed).toBe(true);
    expect(classroomResult({ ...card, tampering: [] }).status).toBe('fail');
  });

  it('points at the learner line, and never lets a printed message start a workflow command', () => {
    const failed = file.tests.find((t: any) => t.name === '07-fetch-data › main(log) > resolves at t=3000 ms, not t=5000 ms');
    expect(failed).toMatchObject({ status: 'fail', score: 0, filename: 'exercises/07-fetch-data/src/index.ts', line_no: 14 });
    const printed = classroomReporter(classroomStepOutput(card).slice('result='.length)).printed;
    expect(printed).toContain('Error: 12-retry: compile-error');
    for (const test of file.tests) expect(commandLines(test.message ?? ''), test.name).toEqual([]);
    expect(commandLines(printed)).toEqual([]);
  });

  it('stays small enough for an environment variable however much failed', () => {
    const big = bigScorecard();
    const line = classroomStepOutput(big);
    expect(line.length).toBeLessThan(100_000);
    const reporter = classroomReporter(line.slice('result='.length));
    expect(validate(reporter.results)).toBe(true);
    expect(reporter.notice).toBe(`Points 0/${big.totals.maxPoints}`);
  });
});

describe('Markdown for a job summary and a pull-request comment', () => {
  const card = reportScorecard();
  const text = written('markdown', card);
  const tokens = marked.lexer(text);
  const tableIndex = tokens.findIndex((t) => t.type === 'table');
  const table = tokens[tableIndex] as Tokens.Table;

  it('starts with the hidden marker the comment workflow looks for', () => {
    expect(text.split('\n')[0]).toBe(MARKDOWN_MARKER);
    expect(tokens[0]).toMatchObject({ type: 'html' });
  });

  it('has one table row per exercise, pipes in titles notwithstanding, with status and points', () => {
    expect(table.header.map((h) => h.text)).toEqual(['exercise', 'status', 'points', 'tests']);
    expect(table.rows).toHaveLength(card.exercises.length);
    for (const [index, exercise] of card.exercises.entries()) {
      const [name, status, points] = table.rows[index]!.map((cell) => decodeEntities(cell.text));
      expect(name).toBe(`${exercise.slug} · ${exercise.title}`);
      // An untouched stub (every failure "not implemented") reads "to do", as in the terminal.
      expect(status).toContain(notStarted(exercise) ? 'to do' : exercise.status);
      expect(points).toBe(`${exercise.points}/${exercise.maxPoints}`);
    }
  });

  it('warns of tampering before anything else, file by file, and ends with the provenance', () => {
    const warning = tokens.findIndex((t) => t.type === 'blockquote');
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(tableIndex);
    const quoted = decodeEntities(tokens[warning]!.raw);
    expect(quoted).toContain('[!WARNING]');
    for (const t of card.tampering!) expect(quoted).toContain(t.file.replace(/\n/g, ' ').replace('@someone', '@\u200Bsomeone'));
    const last = tokens.filter((t) => t.type !== 'space').at(-1)!;
    expect(last.raw).toContain('base <code>0123456</code> · head <code>fedcba9</code>');
    expect(last.raw).toContain('sha256:abababababab…');
  });

  it('folds failed tests in <details>, their messages HTML-escaped in <pre>', () => {
    const html = marked.parse(text) as string;
    expect(html).not.toMatch(/<script|<img/i);
    const lostPoints = card.exercises.filter((e) => e.failure || e.tests.some((t) => t.status !== 'passed'));
    expect((text.match(/<details>/g) ?? []).length).toBe(lostPoints.filter((e) => !notStarted(e)).length);
    expect(text).not.toContain('<summary>20-stream');
    const pre = /<pre>([\s\S]*?)<\/pre>/g;
    const shown = [...text.matchAll(pre)].map((m) => decodeEntities(m[1]!));
    expect(shown.some((block) => block.includes('<script>alert(1)</script> ]]> 100% | @\u200Bsomeone'))).toBe(true);
    expect(text).not.toMatch(/@someone/);
  });

  it('stays under GitHub comment limit however much failed, provenance kept', () => {
    const big = written('markdown', bigScorecard());
    expect(big.length).toBeLessThan(65_536);
    expect(big).toContain('Some details were left out');
    expect(big.trimEnd().endsWith('</sub>')).toBe(true);
    expect(marked.lexer(big).find((t) => t.type === 'table')).toMatchObject({ rows: expect.any(Array) });
  });
});

/** GitHub's own unescaping of command data and properties (the runner's ActionCommand). */
const unescape = (value: string): string => value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
const ANNOTATION = /^::error file=([^,:\r\n]+),line=(\d+),col=(\d+),title=([^,:\r\n]+)::([^\r\n]*)$/;

describe('GitHub annotations and untrusted log text', () => {
  const card = reportScorecard();

  it('annotates each failed test with a known location, in the command grammar, the message decoding back', () => {
    const lines = githubAnnotations(card);
    const located = card.exercises.flatMap((e) => e.tests.filter((t) => t.status === 'failed' && t.location).map((t) => ({ e, t })));
    expect(lines).toHaveLength(located.length);
    for (const [index, line] of lines.entries()) {
      const match = ANNOTATION.exec(line);
      expect(match, line).not.toBeNull();
      const { e, t } = located[index]!;
      const [file, row, col] = t.location!.split(':');
      expect([unescape(match![1]!), match![2], match![3]]).toEqual([file, row, col]);
      expect(unescape(match![4]!)).toBe(`${e.slug}: ${t.name}`);
      const kind = t.kind && t.kind !== 'not-implemented' ? `[${t.kind}] ` : '';
      expect(unescape(match![5]!)).toBe(cleaned(`${kind}${t.message}`));
    }
  });

  it('writes at most 50, each one line whatever the learner wrote', () => {
    const lines = githubAnnotations(bigScorecard());
    expect(lines).toHaveLength(MAX_ANNOTATIONS);
    for (const line of lines) {
      const match = ANNOTATION.exec(line);
      expect(match).not.toBeNull();
      expect(unescape(match![5]!)).toBe(capText(cleaned(`${'x'.repeat(1_800)} ${HOSTILE_MESSAGE}`), 2_000));
    }
  });

  it('wraps log text in stop-commands with a fresh token, so only our own lines are commands', () => {
    const terminal = renderTerminal(card, { color: false });
    expect(commandLines(terminal).length).toBeGreaterThan(0); // the learner's lines, raw
    const wrapped = stopCommands(terminal);
    const token = /^::stop-commands::(\S+)$/.exec(wrapped.split('\n')[0]!)![1]!;
    expect(stopCommands(terminal)).not.toContain(token);
    expect(wrapped.trimEnd().split('\n').at(-1)).toBe(`::${token}::`);
    // The runner's view of the whole step log: commands are processed unless stopped.
    const log = [wrapped, ...githubAnnotations(card), classroomNotice(card)].join('\n');
    let stoppedBy: string | undefined;
    const processed: string[] = [];
    for (const line of log.split('\n')) {
      if (stoppedBy) {
        if (line.trim() === `::${stoppedBy}::`) stoppedBy = undefined;
        continue;
      }
      if (!line.trimStart().startsWith('::')) continue;
      processed.push(line);
      const stop = /^::stop-commands::(.+)$/.exec(line.trim());
      if (stop) stoppedBy = stop[1];
    }
    expect(processed).toEqual([`::stop-commands::${token}`, ...githubAnnotations(card), classroomNotice(card)]);
    expect(() => stopCommands('a ::tok:: b', 'tok')).toThrow(/contains the token/);
  });
});

describe('SVG badge', () => {
  const card = reportScorecard();
  const percent = Math.floor((card.totals.points * 100) / card.totals.maxPoints);

  function readBadge(text: string) {
    expect(XMLValidator.validate(text)).toBe(true);
    const svg = xml.parse(text).svg;
    const rects = svg.g[0].rect;
    return { svg, texts: svg.g[1].text.map((t: any) => t['#text']), widths: rects.map((r: any) => Number(r.width)), fill: rects[1].fill };
  }

  it('is a standalone SVG saying tickwork and the percentage, widths adding up', () => {
    const { svg, texts, widths, fill } = readBadge(written('badge', { ...card, tampering: [] }));
    expect(svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg.title).toBe(`tickwork: ${percent}%`);
    expect(svg['aria-label']).toBe(`tickwork: ${percent}%`);
    expect(texts).toEqual(['tickwork', 'tickwork', `${percent}%`, `${percent}%`]);
    expect(widths[0] + widths[1]).toBe(Number(svg.width));
    expect(fill).toBe('#dfb317'); // 45 %: shields' yellow, from 45 % up to 60 %
  });

  it('can show points instead, colours by percent, and says when the grade was tampered with or unfinished', () => {
    const points = readBadge(written('badge', { ...card, tampering: [] }, { ...OPTIONS, badge: 'points' }));
    expect(points.texts[2]).toBe(`${card.totals.points}/${card.totals.maxPoints}`);
    const full = { ...card, tampering: [], totals: { ...card.totals, points: card.totals.maxPoints } };
    expect(readBadge(written('badge', full)).fill).toBe('#4c1');
    expect(readBadge(written('badge', card)).texts[2]).toBe(`${percent}% · tampered`);
    expect(readBadge(written('badge', { ...card, aborted: { reason: 'crashed', message: 'killed' } })).texts[2]).toBe('error');
  });
});

describe('every written format', () => {
  it('holds no line a GitHub runner would read as a workflow command', () => {
    const card = reportScorecard();
    for (const format of REPORT_FORMATS.filter((f) => f !== 'terminal')) {
      expect(commandLines(written(format, card)), format).toEqual([]);
      expect(commandLines(written(format, bigScorecard())), format).toEqual([]);
    }
    for (const format of ['markdown', 'junit', 'html', 'badge'] as const) expect(written(format, card), format).not.toContain('##[');
  });
});
