import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A plain-JavaScript package (the Node-RED nodes) compiles the contract in as contract/README.md
// says: `tsc -p contract/tsconfig.emit.json --outDir <its lib>/contract`. Given that output alone in
// a folder with no node_modules, plain Node requires it and it works: it needs nothing at run time.
const TSC = path.join(__dirname, '../node_modules/typescript/bin/tsc');

describe('the contract compiled into a package', () => {
  let folder: string;
  afterAll(() => folder && fs.rmSync(folder, { recursive: true, force: true }));

  it('emits JavaScript and declarations that run with no dependency', () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-contract-emit-'));
    const out = path.join(folder, 'lib', 'contract');
    execFileSync(process.execPath, [TSC, '-p', path.join(__dirname, 'tsconfig.emit.json'), '--outDir', out], {
      stdio: 'inherit',
    });
    const files = fs.readdirSync(out).sort();
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
    expect(files.filter((f) => !/\.(js|d\.ts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.includes('test'))).toEqual([]);

    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const c = require('./lib/contract');
         console.log(JSON.stringify({ nrn: c.checkNrn('85.07.30-033.28'), kinds: c.MANDATE_KINDS, breach: c.isBreachOutcome('person_absent') }));`,
      ],
      { cwd: folder, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      nrn: {
        ok: true,
        nrn: '85073003328',
        formatted: '85.07.30-033.28',
        birthDate: '1985-07-30',
        kind: 'nrn',
        sex: 'M',
      },
      kinds: ['police_check', 'guidance', 'monitoring'],
      breach: true,
    });
    // every require of the emitted code is one of its own files
    const requires = files
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(out, f), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!),
      );
    expect(requires.filter((r) => !r.startsWith('./'))).toEqual([]);
  }, 120_000);
});
