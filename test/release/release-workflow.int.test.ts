import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

// .github/workflows/release.yml cannot run here: given the file, it parses as YAML with no error or
// warning, has the shape GitHub Actions reads (trigger, jobs, steps), grants the OIDC token only to
// the publishing job, publishes with provenance, and every expression and command it uses points at
// something that exists (a step output written before, an npm script, a file of the repository).
// test/e2e/n8n/publish-dry-run.test.ts runs its stage, pack and publish steps.
const ROOT = path.join(__dirname, '../..');
const FILE = path.join(ROOT, '.github/workflows/release.yml');

type Step = {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: object;
  env?: Record<string, string>;
};
type Job = {
  'runs-on': string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
};
type Workflow = {
  name: string;
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

const STEP_KEYS = [
  'id',
  'name',
  'uses',
  'run',
  'with',
  'env',
  'if',
  'shell',
  'working-directory',
  'timeout-minutes',
];

describe('the release workflow', () => {
  const document = parseDocument(fs.readFileSync(FILE, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const workflow = document.toJS() as Workflow;
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: object }
  ).scripts;

  it('parses with no error or warning', () => {
    expect(document.errors.map(String)).toEqual([]);
    expect(document.warnings.map(String)).toEqual([]);
    expect(workflow.name).toBe('release');
  });

  it('runs on the tags release:bump prints, for both packages', () => {
    expect(workflow.on.push.tags.sort()).toEqual(['n8n-nodes-iplus@*', 'node-red-contrib-iplus@*']);
  });

  it('reads the repository only, and gives the OIDC token to the publishing job alone, after the tests', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.jobs).sort()).toEqual(['publish', 'test']);
    expect(workflow.jobs.publish!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.jobs.test!.permissions).toBeUndefined();
    expect(workflow.jobs.publish!.needs).toBe('test');
  });

  it('has well-formed jobs: a runner, a time limit, steps that each use an action at a version or run a command', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect([name, typeof job['runs-on']]).toEqual([name, 'string']);
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      for (const step of job.steps) {
        expect(Object.keys(step).filter((key) => !STEP_KEYS.includes(key))).toEqual([]);
        expect([step.uses, step.run].filter(Boolean)).toHaveLength(1);
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
      }
      const ids = job.steps.map((s) => s.id).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('tests before publishing: build, typecheck, lint, unit and integration tests', () => {
    const runs = workflow.jobs.test!.steps.map((s) => s.run ?? '').join('\n');
    for (const command of [
      'npm ci',
      'npm run build',
      'npm run typecheck',
      'npm run lint',
      'npx jest --selectProjects unit int',
    ]) {
      expect(runs).toContain(command);
    }
  });

  it('publishes the packed tarball with provenance, to the npm registry', () => {
    const steps = workflow.jobs.publish!.steps;
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
    const publish = steps.find((s) => s.id === 'publish')!;
    expect(publish.run).toMatch(/^npm publish "\$TARBALL" --provenance --access public$/);
    expect(publish.env?.TARBALL).toBe('${{ steps.pack.outputs.tarball }}');
    expect(steps.map((s) => s.id).filter(Boolean)).toEqual(['which', 'build', 'stage', 'pack', 'publish']);
  });

  it('reads only step outputs written by an earlier step of the same job', () => {
    for (const job of Object.values(workflow.jobs)) {
      job.steps.forEach((step, index) => {
        const text = JSON.stringify(step);
        for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          const writer = job.steps.slice(0, index).find((s) => s.id === id);
          expect([id, output, writer?.run ?? '']).toEqual([
            id,
            output,
            expect.stringContaining(`${output}=`),
          ]);
        }
      });
    }
  });

  it('calls only npm scripts and files that exist', () => {
    const runs = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.map((s) => s.run ?? ''))
      .join('\n');
    const used = [...runs.matchAll(/npm run ([\w:-]+)( --prefix)?/g)].filter((m) => !m[2]).map((m) => m[1]!);
    expect(used).toEqual(expect.arrayContaining(['build', 'typecheck', 'lint', 'build:nodes']));
    expect(used.filter((script) => !(script in scripts))).toEqual([]);
    for (const [, file] of runs.matchAll(/node (scripts\/[\w.-]+)/g))
      expect(fs.existsSync(path.join(ROOT, file!))).toBe(true);
  });
});
