/**
 * `n8n-node lint` (@n8n/node-cli 0.48.3), in strict mode, over the community package: n8n's own
 * rules for community nodes, on the package as n8n's tooling sees it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

import { ensureN8nTools, node24Env, REPO_ROOT } from './n8n-tools';
import { stagePackageForLint } from './stage-package';

type Finding = { file: string; rule: string; message: string };

/** The problems in ESLint's stylish output: a file line, then one line per problem ending in its rule. */
function findings(output: string): Finding[] {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const found: Finding[] = [];
  let file = '';
  for (const line of plain.split('\n')) {
    if (line.startsWith('/')) file = line.trim();
    const problem = /^\s+\d+:\d+\s+(?:error|warning)\s+(.*?)\s+(\S+)\s*$/.exec(line);
    if (problem) found.push({ file, message: problem[1], rule: problem[2] });
  }
  return found;
}

/**
 * The environment of a developer's shell: without the npm_* variables of the npm that started jest
 * (npm_config_local_prefix would make `n8n-node lint`'s `npm exec eslint` run in this repository), and
 * without jest's NODE_ENV=test (eslint-plugin-n8n-nodes-base lints differently under it).
 */
function standaloneEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_ENV'),
  );
  return { ...env, CI: 'true' };
}

describe('n8n-node lint', () => {
  let stage: string;
  afterAll(
    () => stage && process.env.KEEP_STAGE === undefined && fs.rmSync(stage, { recursive: true, force: true }),
  );

  it(
    'passes in strict mode on the published manifest, with no finding',
    () => {
      const tools = ensureN8nTools();
      // The manifest comes from the release's staging, which packs the built package.
      execFileSync('npm', ['run', '--silent', 'build:nodes'], { cwd: REPO_ROOT, stdio: 'inherit' });
      stage = stagePackageForLint(tools.nodeCliBin);
      const packageJson = JSON.parse(fs.readFileSync(`${stage}/package.json`, 'utf8')) as {
        n8n: { strict: boolean };
      };
      expect(packageJson.n8n.strict).toBe(true);
      // The manifest npm publishes: no field of the workspace root.
      for (const field of [
        'workspaces',
        'overrides',
        'devDependencies',
        'scripts',
        'allowScripts',
        'private',
      ]) {
        expect(packageJson).not.toHaveProperty([field]);
      }

      const run = spawnSync(tools.nodeCliBin, ['lint'], {
        cwd: stage,
        env: node24Env(standaloneEnv()),
        encoding: 'utf8',
        timeout: 240_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;

      expect(output).not.toContain('Strict mode violation');
      expect(findings(output)).toEqual([]);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe(0);
    },
    // Includes a cold install of the n8n tools when this file runs first (see ensureN8nTools).
    45 * 60_000,
  );
});
