/**
 * `n8n-node lint` (@n8n/node-cli 0.48.3), in strict mode, over the community package: n8n's own
 * rules for community nodes, on the package as n8n's tooling sees it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

import { ensureN8nTools, node24Env } from './n8n-tools';
import { stagePackageForLint } from './stage-package';

type Finding = { file: string; rule: string; message: string };

/**
 * Findings accepted, each with its reason (what an eslint-disable comment would say on the line,
 * where the line cannot hold a comment).
 */
const ACCEPTED: Array<{ file: string; rule: string; why: string }> = [
  {
    file: 'package.json',
    rule: '@n8n/community-nodes/no-overrides-field',
    why: 'the root package.json is also the npm-workspaces root, whose `overrides` pins @grpc/grpc-js for zeebe-node; npm ignores the `overrides` of an installed dependency, so it does nothing for n8n users. JSON has no comments, and strict mode forbids disabling the rule in eslint.config.mjs.',
  },
];

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
    'passes in strict mode, but for the accepted findings',
    () => {
      const tools = ensureN8nTools();
      stage = stagePackageForLint(tools.nodeCliBin);
      const packageJson = JSON.parse(fs.readFileSync(`${stage}/package.json`, 'utf8')) as {
        n8n: { strict: boolean };
      };
      expect(packageJson.n8n.strict).toBe(true);

      const run = spawnSync(tools.nodeCliBin, ['lint'], {
        cwd: stage,
        env: node24Env(standaloneEnv()),
        encoding: 'utf8',
        timeout: 240_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;

      expect(output).not.toContain('Strict mode violation');
      const unaccepted = findings(output).filter(
        (f) => !ACCEPTED.some((a) => f.rule === a.rule && f.file.endsWith(`/${a.file}`)),
      );
      expect(unaccepted).toEqual([]);
      // Exit 0, or only the accepted findings made it fail.
      if (run.status !== 0) expect(findings(output).length).toBeGreaterThan(0);
      expect(run.error).toBeUndefined();
    },
    // Includes a cold install of the n8n tools when this file runs first (see ensureN8nTools).
    45 * 60_000,
  );
});
