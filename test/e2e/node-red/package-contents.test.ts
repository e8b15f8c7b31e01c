/**
 * `npm pack` of node-red/ ships only what Node-RED needs: the manifest, the README, each node's runtime
 * and editor files with their library (the contract's emitted copy included), messages and icon, the
 * editor script the nodes share (resources/), and the example flows; no tests, no runtime dependency.
 */
import path from 'node:path';

import { run } from '../n8n/child-process';
import { REPO_ROOT } from './node-red-tools';

const PACKAGE_DIR = path.join(REPO_ROOT, 'node-red');

type Manifest = {
  name: string;
  keywords: string[];
  dependencies?: object;
  engines: { node: string };
  'node-red': { version: string; nodes: Record<string, string> };
};

describe('the node-red-contrib-iplus package', () => {
  jest.setTimeout(120_000);

  it('packs the nodes, their messages in four languages, the examples, and nothing else', async () => {
    const out = await run('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE_DIR, timeout: 60_000 });
    const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    const files = packed!.files.map((f) => f.path).sort();
    const manifest = (await import(path.join(PACKAGE_DIR, 'package.json'))) as Manifest;

    expect(
      files.filter(
        (f) =>
          !/^(nodes\/|examples\/[\w-]+\.json$|resources\/[\w-]+\.js$|package\.json$|README\.md$)/.test(f),
      ),
    ).toEqual([]);
    expect(files.filter((f) => /test|__fixtures__|\.ts$/.test(f))).toEqual([]);
    for (const [set, file] of Object.entries(manifest['node-red'].nodes)) {
      expect(files).toContain(file);
      expect(files).toContain(file.replace(/\.js$/, '.html'));
      for (const language of ['en-US', 'fr', 'nl', 'de'])
        expect(files).toContain(`nodes/locales/${language}/${set}.json`);
    }
    expect(files).toEqual(
      expect.arrayContaining([
        'nodes/icons/iplus.svg',
        'nodes/lib/iplus-api.js',
        'nodes/lib/contract/index.js',
        'resources/iplus-editor.js',
      ]),
    );
    expect(files.filter((f) => f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('examples/'))).toHaveLength(2);

    expect(manifest.keywords).toContain('node-red');
    expect(manifest['node-red'].version).toBe('>=4.1.0');
    expect(manifest.dependencies).toBeUndefined();
  });
});
