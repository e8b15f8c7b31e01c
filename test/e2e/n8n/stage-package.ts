/**
 * A copy of the community package as `n8n-node lint` expects to find it: the package.json, nodes/
 * and credentials/ of this repository, with n8n's default eslint.config.mjs (strict mode requires the
 * default; the repository's own ESLint config is the monorepo's) and @n8n/node-cli's dependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './n8n-tools';

/** Stages the package in a new temporary folder and returns the folder; remove it when done. */
export function stagePackageForLint(nodeCliBin: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-n8n-lint-'));
  const cliModules = path.resolve(path.dirname(fs.realpathSync(nodeCliBin)), '../..', '..');
  const cliPackage = path.join(cliModules, '@n8n/node-cli');
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(stage, 'package.json'));
  for (const folder of ['nodes', 'credentials']) {
    fs.cpSync(path.join(REPO_ROOT, folder), path.join(stage, folder), { recursive: true });
  }
  fs.copyFileSync(
    path.join(cliPackage, 'dist/template/templates/shared/default/eslint.config.mjs'),
    path.join(stage, 'eslint.config.mjs'),
  );
  const base = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: object;
  };
  fs.writeFileSync(
    path.join(stage, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: base.compilerOptions, include: ['nodes', 'credentials'] }, null, 2),
  );
  fs.symlinkSync(cliModules, path.join(stage, 'node_modules'), 'dir');
  return stage;
}
