import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingNodeFlags, NODE_FLAGS } from './node-flags';

// The launchers pass the flags of NODE_FLAGS (a V8 flag cannot be set later): `npx iplus` through
// the first line of cli/bin/iplus.js, `npm start` through its script.
const ROOT = path.join(__dirname, '..', '..');

describe('node flags', () => {
  it('cli/bin/iplus.js starts node with every flag (its first line, read by the kernel)', () => {
    const first = fs.readFileSync(path.join(ROOT, 'cli', 'bin', 'iplus.js'), 'utf8').split('\n')[0]!;
    expect(first).toMatch(/^#!\/usr\/bin\/env -S node( --[\w-]+(=\S+)?)*$/);
    expect(first.split(' ').slice(3)).toEqual([...NODE_FLAGS]);
  });

  it('npm start passes every flag to node before the command', () => {
    const start = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start!;
    expect(start).toContain(`node ${NODE_FLAGS.join(' ')} cli/dist/main.js start`);
  });

  it('names the flags a process lacks', () => {
    expect(missingNodeFlags(['--single-threaded-gc', '--inspect'])).toEqual([]);
    expect(missingNodeFlags([])).toEqual([...NODE_FLAGS]);
  });
});
