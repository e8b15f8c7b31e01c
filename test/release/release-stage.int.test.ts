import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm run release:stage -- <package> <folder>` (scripts/release.js): the package as npm will publish
// it. Here the Node-RED package, in a checkout of its own; test/e2e/n8n/ stages and packs the n8n one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../scripts/release.js') as {
  stage: (options: { root: string; key: string; target: string }) => Record<string, unknown>;
};

describe('release:stage', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-stage-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function nodeRedPackage(changelog: boolean): void {
    fs.mkdirSync(path.join(root, 'node-red/nodes'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node-red/node_modules/left-pad'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node-red/nodes/iplus-config.js'), 'module.exports = () => {};\n');
    fs.mkdirSync(path.join(root, 'node-red/nodes/lib/contract'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'node-red/nodes/lib/contract/index.js'),
      'exports.MANDATE_KINDS = [];\n',
    );
    fs.writeFileSync(path.join(root, 'node-red/node_modules/left-pad/index.js'), '');
    const manifest = {
      name: 'node-red-contrib-iplus',
      version: '0.2.0',
      keywords: ['node-red'],
      files: ['nodes/**/*.js'],
      scripts: { test: 'jest' },
      devDependencies: { 'node-red-node-test-helper': '^0.3.5' },
      workspaces: ['x'],
      'node-red': { version: '>=4.1.0', nodes: { 'iplus-config': 'nodes/iplus-config.js' } },
      engines: { node: '>=18.5' },
    };
    fs.writeFileSync(path.join(root, 'node-red/package.json'), JSON.stringify(manifest, null, 2));
    if (changelog)
      fs.writeFileSync(path.join(root, 'node-red/CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n');
  }

  it('writes the files and a manifest without the workspace fields, and ships the changelog', () => {
    nodeRedPackage(true);
    const target = path.join(root, 'out');
    const published = release.stage({ root, key: 'node-red', target });
    const written = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(written).toEqual(published);
    expect(Object.keys(written)).toEqual(['name', 'version', 'keywords', 'files', 'engines', 'node-red']);
    expect(written.files).toEqual(['nodes/**/*.js', 'CHANGELOG.md']);
    expect(fs.existsSync(path.join(target, 'nodes/iplus-config.js'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'nodes/lib/contract/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'CHANGELOG.md'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'node_modules'))).toBe(false);
  });

  it('refuses, writing nothing, when the Node-RED package is not built (no copy of the contract)', () => {
    nodeRedPackage(true);
    fs.rmSync(path.join(root, 'node-red/nodes/lib'), { recursive: true });
    const target = path.join(root, 'out');
    expect(() => release.stage({ root, key: 'node-red', target })).toThrow(
      'node-red/nodes/lib/contract/index.js is missing: build the package first (npm run build in node-red/)',
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses when the package is not in the checkout, or the n8n package is not built', () => {
    expect(() => release.stage({ root, key: 'node-red', target: path.join(root, 'out') })).toThrow(
      'node-red/package.json does not exist',
    );
    fs.writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({ name: 'n8n-nodes-iplus', version: '1.0.0' }),
    );
    expect(() => release.stage({ root, key: 'n8n', target: path.join(root, 'out') })).toThrow(
      'dist is missing: build the package first',
    );
    expect(fs.existsSync(path.join(root, 'out'))).toBe(false);
  });
});
