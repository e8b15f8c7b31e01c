import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// cli/bin/iplus.js, the command npm links: it builds what is missing or stale, then runs
// cli/dist/main.js. Run here as a copy inside a small project tree whose TypeScript compiler and npm
// are stand-ins that record their calls and write what a real build writes (the real build is proven
// by test/e2e/fresh/readme.test.ts on a real clone).
const BIN = path.join(__dirname, '..', 'bin', 'iplus.js');
const PACKAGES = ['engine', 'platform', 'cli'];

const TSC = `
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..', '..');
fs.appendFileSync(path.join(root, 'calls.log'), 'tsc ' + process.argv.slice(2).join(' ') + '\\n');
if (process.env.FAKE_TSC_FAILS) process.exit(2);
for (const name of process.argv.slice(3)) {
  fs.mkdirSync(path.join(root, name, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, name, 'dist', '.tsbuildinfo'), '{}');
}
fs.writeFileSync(path.join(root, 'cli', 'dist', 'main.js'),
  "process.stdout.write('main ' + JSON.stringify(process.argv.slice(2)))");
`;

const NPM = `
const fs = require('node:fs');
const path = require('node:path');
const root = process.cwd();
fs.appendFileSync(path.join(root, 'calls.log'), 'npm ' + process.argv.slice(2).join(' ') + '\\n');
fs.mkdirSync(path.join(root, 'web', 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'web', 'dist', 'index.html'), '<html></html>');
`;

describe('cli/bin/iplus.js', () => {
  let root: string;
  const now = Date.now() / 1000;
  const setTime = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);
  const calls = () =>
    fs.existsSync(path.join(root, 'calls.log'))
      ? fs.readFileSync(path.join(root, 'calls.log'), 'utf8').trim().split('\n')
      : [];
  const iplus = (args: string[], env: Record<string, string> = {}) => {
    fs.rmSync(path.join(root, 'calls.log'), { force: true });
    return spawnSync(process.execPath, [path.join(root, 'cli', 'bin', 'iplus.js'), ...args], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, npm_execpath: path.join(root, 'fake-npm-cli.js'), ...env },
    });
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-bin-'));
    for (const name of PACKAGES) {
      fs.mkdirSync(path.join(root, name, 'src', 'nested'), { recursive: true });
      for (const file of ['tsconfig.json', 'src/index.ts', 'src/nested/part.ts', 'src/nested/part.test.ts']) {
        fs.writeFileSync(path.join(root, name, file), '');
        setTime(path.join(root, name, file), now - 60);
      }
    }
    fs.mkdirSync(path.join(root, 'cli', 'bin'));
    fs.copyFileSync(BIN, path.join(root, 'cli', 'bin', 'iplus.js'));
    fs.mkdirSync(path.join(root, 'node_modules', 'typescript', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), '{"name":"typescript"}');
    fs.writeFileSync(path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), TSC);
    fs.writeFileSync(path.join(root, 'fake-npm-cli.js'), NPM);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds engine, platform and cli when cli/dist/main.js is missing, then runs it with the arguments', () => {
    const r = iplus(['config']);
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['tsc -b engine platform cli']);
    expect(r.stderr).toContain('iplus: building engine, platform, cli (cli/dist/main.js is missing)');
    expect(r.stdout).toBe('main ["config"]');
  });

  it('a current build: runs at once', () => {
    iplus(['config']);
    const r = iplus(['config']);
    expect(r.status).toBe(0);
    expect(calls()).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('main ["config"]');
  });

  it('a source newer than its package build: builds again', () => {
    iplus(['config']);
    setTime(path.join(root, 'platform', 'src', 'nested', 'part.ts'), now + 60);
    const r = iplus(['config']);
    expect(calls()).toEqual(['tsc -b engine platform cli']);
    expect(r.stderr).toContain('the sources of platform changed since its build');
    expect(r.stdout).toBe('main ["config"]');
  });

  it('a changed tsconfig.json builds again; a changed test file does not', () => {
    iplus(['config']);
    setTime(path.join(root, 'engine', 'src', 'nested', 'part.test.ts'), now + 60);
    expect(iplus(['config']).stderr).toBe('');
    setTime(path.join(root, 'engine', 'tsconfig.json'), now + 60);
    expect(iplus(['config']).stderr).toContain('the sources of engine changed since its build');
  });

  it('start with no web/dist: builds the web UI through npm, once', () => {
    iplus(['config']);
    const r = iplus(['start']);
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['npm run build -w web --silent']);
    expect(r.stderr).toContain('building the web UI (web/dist/index.html is missing)');
    expect(r.stdout).toBe('main ["start"]');
    expect(iplus(['start']).stderr).toBe('');
  });

  it('a failed build: exits 1 saying what to do, and does not run the command', () => {
    const r = iplus(['config'], { FAKE_TSC_FAILS: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /building engine, platform, cli .* failed \(exit code 2\); run "npm install" in /,
    );
    expect(r.stdout).toBe('');
  });

  it('no TypeScript installed: exits 1 asking for npm install', () => {
    fs.rmSync(path.join(root, 'node_modules'), { recursive: true });
    const r = iplus(['config']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'cli/dist/main.js is missing and TypeScript is not installed; run "npm install"',
    );
  });
});
