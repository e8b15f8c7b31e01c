/**
 * What `npm pack` puts in the community package n8n-nodes-iplus: the built nodes, credentials, icons
 * and codex files, the compiled contract, the README, changelog and licence — nothing of the
 * platform, the tests or the sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './n8n-tools';
import { stagePublishedPackage } from './stage-package';

type PackedFile = { path: string };

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/credentials\/[A-Za-z]+\.credentials\.js$/,
  // The shared contract (contract/), compiled in: the package has no runtime dependency on it.
  /^dist\/contract\/[a-z-]+\.js$/,
  /^dist\/nodes\/[A-Za-z]+\/(?:[A-Za-z]+\/)*[A-Za-z.-]+\.js$/,
  /^dist\/nodes\/[A-Za-z]+\/[A-Za-z]+(\.dark)?\.svg$/,
  /^dist\/nodes\/[A-Za-z]+\/[A-Za-z]+\.node\.json$/,
];

describe('the community package n8n-nodes-iplus', () => {
  let files: string[];

  let stage: string;
  afterAll(() => stage && fs.rmSync(stage, { recursive: true, force: true }));

  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build:nodes'], { cwd: REPO_ROOT, stdio: 'inherit' });
    // Packed as the release workflow packs it: from the staged package (scripts/release.js stage).
    stage = stagePublishedPackage();
    const packed = JSON.parse(
      execFileSync('npm', ['pack', stage, '--dry-run', '--json', '--ignore-scripts'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as Array<{ files: PackedFile[] }>;
    files = packed[0].files.map((f) => f.path).sort();
  }, 120_000);

  it('lists only the built nodes, credentials, icons, codex files, README and licence', () => {
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(files.some((file) => /\.(ts|map)$/.test(file) && !file.endsWith('.d.ts'))).toBe(false);
    expect(files.filter((file) => /test|__tests__/.test(file))).toEqual([]);
  });

  it('ships every node and credential the n8n section names, with both icons and a codex file', () => {
    const { n8n } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      n8n: { nodes: string[]; credentials: string[] };
    };
    expect(n8n.nodes.length).toBe(5);
    for (const built of [...n8n.nodes, ...n8n.credentials]) expect(files).toContain(built);
    for (const node of n8n.nodes) {
      const folder = node.slice(0, node.lastIndexOf('/'));
      const icons = files.filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.svg'));
      expect(icons.filter((f) => f.endsWith('.dark.svg'))).toHaveLength(1);
      expect(icons).toHaveLength(2);
      expect(files).toContain(node.replace(/\.js$/, '.json'));
    }
    expect(files).toEqual(expect.arrayContaining(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']));
  });
});
