import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm run release:bump -- <package> <level>` (scripts/release.js) on a copy of the two manifests:
// given a changelog with entries under Unreleased, the version moves and the entries go under it;
// every refusal says what to fix and writes nothing.
const SCRIPT = path.join(__dirname, '../../scripts/release.js');
const ROOT = path.join(__dirname, '../..');

function run(root: string, ...args: string[]): { status: number | null; out: string } {
  // The script finds the repository from its own place: run a copy of it inside the temporary root.
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/release.js'), ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const CHANGELOG = `# Changelog of n8n-nodes-iplus\n\n## [Unreleased]\n\n- Await Acknowledgement times out on its own.\n- Upload Decision names the field at fault.\n\n## [0.1.0]\n\n- First release.\n`;

describe('release:bump', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-release-'));
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.mkdirSync(path.join(root, 'nodes'));
    fs.copyFileSync(SCRIPT, path.join(root, 'scripts/release.js'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    fs.writeFileSync(path.join(root, 'nodes/CHANGELOG.md'), CHANGELOG);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const manifest = (file = 'package.json') =>
    JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { version: string; workspaces?: unknown };

  it('bumps the n8n package a minor version and moves the Unreleased entries under it', () => {
    const before = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const current = manifest().version.split('.').map(Number);
    const { status, out } = run(root, 'bump', 'n8n', 'minor', '--date', '2026-12-06');
    const expected = `${current[0]}.${current[1]! + 1}.0`;
    expect(status).toBe(0);
    expect(out).toContain(`git tag n8n-nodes-iplus@${expected}`);
    expect(manifest().version).toBe(expected);
    // only the version line changed: formatting and the workspace fields stay as they were
    const after = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    expect(after.split('\n').filter((line, i) => line !== before.split('\n')[i])).toEqual([
      `  "version": "${expected}",`,
    ]);
    expect(fs.readFileSync(path.join(root, 'nodes/CHANGELOG.md'), 'utf8')).toBe(
      `# Changelog of n8n-nodes-iplus\n\n## [Unreleased]\n\n## [${expected}] - 2026-12-06\n\n- Await Acknowledgement times out on its own.\n- Upload Decision names the field at fault.\n\n## [0.1.0]\n\n- First release.\n`,
    );
  });

  it.each([
    ['major', '1.0.0'],
    ['patch', '0.1.1'],
    ['0.3.0', '0.3.0'],
  ])('bumps %s from 0.1.0 to %s', (level, expected) => {
    fs.writeFileSync(
      path.join(root, 'package.json'),
      fs
        .readFileSync(path.join(root, 'package.json'), 'utf8')
        .replace(/"version": "[^"]*"/, '"version": "0.1.0"'),
    );
    expect(run(root, 'bump', 'n8n', level, '--date', '2026-12-06').status).toBe(0);
    expect(manifest().version).toBe(expected);
  });

  it('refuses, writing nothing, when nothing is listed under Unreleased', () => {
    fs.writeFileSync(
      path.join(root, 'nodes/CHANGELOG.md'),
      '# Changelog\n\n## [Unreleased]\n\n## [0.1.0]\n\n- First.\n',
    );
    const before = manifest().version;
    const { status, out } = run(root, 'bump', 'n8n', 'patch');
    expect(status).toBe(1);
    expect(out).toContain('nothing under "## [Unreleased]" in nodes/CHANGELOG.md');
    expect(manifest().version).toBe(before);
  });

  it.each([
    [['bump', 'n8n', 'huge'], '"huge" is not a release level'],
    [['bump', 'n8n', '0.0.1'], 'is not higher than the current'],
    [['bump', 'zapier', 'patch'], 'unknown package "zapier"'],
    [['bump', 'n8n', 'patch', '--date', '6/12/2026'], 'is not YYYY-MM-DD'],
  ])('refuses %j: %s', (args, message) => {
    const before = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const { status, out } = run(root, ...args);
    expect(status).toBe(1);
    expect(out).toContain(message);
    expect(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).toBe(before);
  });

  it('says so when the Node-RED package is not in the checkout, and bumps it when it is', () => {
    expect(run(root, 'bump', 'node-red', 'patch')).toEqual({
      status: 1,
      out: 'release: node-red/package.json does not exist: the node-red package is not in this checkout\n',
    });
    fs.mkdirSync(path.join(root, 'node-red'));
    fs.writeFileSync(
      path.join(root, 'node-red/package.json'),
      `${JSON.stringify({ name: 'node-red-contrib-iplus', version: '0.1.0', 'node-red': { nodes: {} } }, null, 2)}\n`,
    );
    // no changelog yet: created, empty, and the bump asks for its entries
    const first = run(root, 'bump', 'node-red', 'minor');
    expect(first.status).toBe(1);
    expect(first.out).toContain('node-red/CHANGELOG.md did not exist: it has been created');
    expect(manifest('node-red/package.json').version).toBe('0.1.0');
    const changelog = path.join(root, 'node-red/CHANGELOG.md');
    fs.writeFileSync(changelog, `${fs.readFileSync(changelog, 'utf8')}\n- Mandate inbox node.\n`);
    expect(run(root, 'bump', 'node-red', 'minor', '--date', '2026-12-06').status).toBe(0);
    expect(manifest('node-red/package.json').version).toBe('0.2.0');
    expect(fs.readFileSync(changelog, 'utf8')).toContain(
      '## [Unreleased]\n\n## [0.2.0] - 2026-12-06\n\n- Mandate inbox node.\n',
    );
  });
});
