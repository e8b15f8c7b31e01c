/**
 * The community package as it is published, and as `n8n-node lint` expects to find it.
 *
 * `stagePublishedPackage` runs the release's own staging (`node scripts/release.js stage n8n`, as
 * .github/workflows/release.yml does): the built dist/, README, LICENSE, CHANGELOG and a manifest
 * without the workspace-only fields. `stagePackageForLint` adds the sources n8n's linter reads
 * (nodes/, credentials/ and the contract/ they compile in), n8n's default eslint.config.mjs (strict
 * mode requires the default; the repository's own ESLint config is the monorepo's) and
 * @n8n/node-cli's dependencies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './n8n-tools';

/** Stages the published package (build it first: npm run build:nodes) in a new temporary folder. */
export function stagePublishedPackage(prefix = 'iplus-n8n-package-'): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/release.js'), 'stage', 'n8n', stage], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return stage;
}

/** Stages the package with its sources in a new temporary folder and returns it; remove it when done. */
export function stagePackageForLint(nodeCliBin: string): string {
  const stage = stagePublishedPackage('iplus-n8n-lint-');
  const cliModules = path.resolve(path.dirname(fs.realpathSync(nodeCliBin)), '../..', '..');
  const cliPackage = path.join(cliModules, '@n8n/node-cli');
  for (const folder of ['nodes', 'credentials']) {
    fs.cpSync(path.join(REPO_ROOT, folder), path.join(stage, folder), { recursive: true });
  }
  // The contract's sources only: its own package.json is the workspace's, not the published package's.
  fs.mkdirSync(path.join(stage, 'contract'));
  for (const file of fs.readdirSync(path.join(REPO_ROOT, 'contract'))) {
    if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
      fs.copyFileSync(path.join(REPO_ROOT, 'contract', file), path.join(stage, 'contract', file));
    }
  }
  // The built package is not what the linter reads: it lints the sources.
  fs.rmSync(path.join(stage, 'dist'), { recursive: true, force: true });
  fs.copyFileSync(
    path.join(cliPackage, 'dist/template/templates/shared/default/eslint.config.mjs'),
    path.join(stage, 'eslint.config.mjs'),
  );
  const base = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: object;
  };
  fs.writeFileSync(
    path.join(stage, 'tsconfig.json'),
    JSON.stringify(
      { compilerOptions: base.compilerOptions, include: ['nodes', 'credentials', 'contract'] },
      null,
      2,
    ),
  );
  fs.symlinkSync(cliModules, path.join(stage, 'node_modules'), 'dir');
  return stage;
}
