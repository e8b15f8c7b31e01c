/**
 * The publishing steps of .github/workflows/release.yml, run here: the `build`, `stage`, `pack` and
 * `publish` steps of its publish job, read from the workflow file and run by bash with the environment
 * the workflow gives them, for the tags n8n-nodes-iplus@<version> and node-red-contrib-iplus@<version>. The one change: `npm publish` runs with
 * `--dry-run` instead of `--provenance` (provenance needs the CI host's OIDC token, and a dry run must
 * not publish). It proves the staged manifest, the tarball and the publish command are right.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

import { REPO_ROOT } from './n8n-tools';

type Step = { id?: string; run?: string };

const WORKSPACE_ONLY = ['workspaces', 'overrides', 'devDependencies', 'scripts', 'allowScripts', 'private'];

/** A shell without the npm_* variables of the npm that started jest, as on the CI runner. */
function runnerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, CI: 'true', ...extra };
}

/** What each package's tag publishes, and what its staged manifest and tarball must hold. */
const PACKAGES = [
  {
    key: 'n8n',
    manifest: 'package.json',
    built: 'dist/nodes/IssueMandate/IssueMandate.node.js',
    staged: { n8n: expect.objectContaining({ strict: true }) },
    packed: ['package/dist/nodes/IssueMandate/IssueMandate.node.js', 'package/CHANGELOG.md'],
  },
  {
    key: 'node-red',
    manifest: 'node-red/package.json',
    built: 'node-red/nodes/lib/contract/index.js',
    staged: { 'node-red': expect.objectContaining({ version: '>=4.1.0' }) },
    // the contract's emitted copy (made by the workflow's build step), the shared editor script
    packed: [
      'package/nodes/lib/contract/index.js',
      'package/resources/iplus-editor.js',
      'package/examples/police-zone-mandate-inbox.json',
      'package/CHANGELOG.md',
    ],
  },
];

describe.each(PACKAGES)('the release workflow for $key, build to publish --dry-run', (pkg) => {
  let temp: string;
  afterAll(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

  it('builds, stages a manifest without workspace fields, packs it and publishes the tarball (dry run)', () => {
    const { version, name } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, pkg.manifest), 'utf8')) as {
      version: string;
      name: string;
    };
    const workflow = parse(
      fs.readFileSync(path.join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8'),
    ) as {
      jobs: { publish: { steps: Step[] } };
    };
    const step = (id: string) => workflow.jobs.publish.steps.find((s) => s.id === id)!.run!;

    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-release-run-'));
    const outputs = path.join(temp, 'github-output');
    fs.writeFileSync(outputs, '');
    const env = runnerEnv({
      PACKAGE: pkg.key,
      VERSION: version,
      STAGE: path.join(temp, 'package'),
      OUT: path.join(temp, 'out'),
      GITHUB_OUTPUT: outputs,
    });
    const bash = (script: string, more: Record<string, string> = {}) => {
      const result = spawnSync('bash', ['-e', '-c', script], {
        cwd: REPO_ROOT,
        env: { ...env, ...more },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${result.stdout}\n${result.stderr}`;
      expect([script, result.status, output]).toEqual([script, 0, output]);
      return output;
    };

    // the workflow's build step builds this package: its output is written anew (a checkout has none)
    const before = Date.now() - 1000;
    bash(step('build'));
    expect(fs.statSync(path.join(REPO_ROOT, pkg.built)).mtimeMs).toBeGreaterThanOrEqual(before);
    bash(step('stage'));
    const staged = JSON.parse(fs.readFileSync(path.join(temp, 'package/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(staged).toMatchObject({ name, version, ...pkg.staged });
    for (const field of WORKSPACE_ONLY) expect(staged).not.toHaveProperty([field]);

    bash(step('pack'));
    const tarball = /^tarball=(.+)$/m.exec(fs.readFileSync(outputs, 'utf8'))![1]!;
    expect(path.basename(tarball)).toBe(`${name}-${version}.tgz`);
    const packedManifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    expect(packedManifest).toEqual(staged);
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listed).toEqual(expect.arrayContaining(pkg.packed));

    const publish = step('publish');
    expect(publish).toContain('--provenance');
    const output = bash(publish.replace('--provenance', '--dry-run'), { TARBALL: tarball });
    expect(output).toContain(`+ ${name}@${version}`);
    expect(output).toContain('(dry-run)');
    expect(output).toMatch(/total files: +\d+/);
  }, 300_000);
});

describe('the release workflow, stage', () => {
  it('refuses a tag whose version is not the version of the manifest', () => {
    const workflow = parse(
      fs.readFileSync(path.join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8'),
    ) as {
      jobs: { publish: { steps: Step[] } };
    };
    const stage = workflow.jobs.publish.steps.find((s) => s.id === 'stage')!.run!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-release-tag-'));
    try {
      const result = spawnSync('bash', ['-e', '-c', stage], {
        cwd: REPO_ROOT,
        env: runnerEnv({ PACKAGE: 'n8n', VERSION: '99.0.0', STAGE: path.join(dir, 'package') }),
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('the tag says 99.0.0 but the manifest says');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
