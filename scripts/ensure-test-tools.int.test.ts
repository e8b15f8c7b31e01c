import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, 'ensure-test-tools.sh');

/** Absolute path of a command of this machine. */
function which(tool: string): string {
  const found = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, tool))
    .find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${tool} is not on PATH`);
  return found;
}

/**
 * Runs the real script with a Chromium path that does not exist and, first on PATH, stand-ins for the
 * three commands that would change this shared machine or tell who the user is: `apt-get` (records its
 * arguments and environment; `install` creates the Chromium file, as Debian's package does), `id` (the
 * user id to pretend) and `sudo` (password-less or not).
 */
function run(options: { uid: number; sudo: 'password-less' | 'password' | 'absent'; aptFails?: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-ensure-'));
  const bin = path.join(dir, 'bin');
  const chromium = path.join(dir, 'usr', 'bin', 'chromium');
  const calls = path.join(dir, 'calls.log');
  fs.mkdirSync(bin);
  // PATH is this folder alone: the commands the script and the stand-ins use, and no real sudo
  for (const tool of ['env', 'sh', 'mkdir', 'chmod', 'true'])
    fs.symlinkSync(which(tool), path.join(bin, tool));
  const stub = (name: string, body: string) =>
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  stub(
    'apt-get',
    [
      `echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >>'${calls}'`,
      options.aptFails ? 'exit 100' : '',
      `case "$*" in *install*) mkdir -p '${path.dirname(chromium)}' && printf '#!/bin/sh\\n' >'${chromium}' && chmod +x '${chromium}';; esac`,
    ].join('\n'),
  );
  stub('id', `[ "$1" = "-u" ] && echo ${options.uid}`);
  if (options.sudo !== 'absent')
    stub(
      'sudo',
      options.sudo === 'password-less'
        ? `echo "sudo $*" >>'${calls}'; [ "$1" = "-n" ] && shift; exec "$@"`
        : `echo "sudo: a password is required" >&2; exit 1`,
    );
  const result = spawnSync(which('bash'), [SCRIPT], {
    encoding: 'utf8',
    env: { PATH: bin, CHROMIUM_PATH: chromium, HOME: dir },
  });
  const log = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [];
  const installed = fs.existsSync(chromium);
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, calls: log, installed };
}

const FIX = 'Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium';

describe('scripts/ensure-test-tools.sh, the first step of npm test', () => {
  it('as root with Chromium missing: apt-get update, then installs chromium without recommends', () => {
    const r = run({ uid: 0, sudo: 'absent' });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'apt-get update -qq DEBIAN_FRONTEND=noninteractive',
      'apt-get install -y -qq --no-install-recommends chromium DEBIAN_FRONTEND=noninteractive',
    ]);
    expect(r.installed).toBe(true);
    expect(r.stderr).toMatch(/installed Chromium at .*chromium in \d+ s/);
  });

  it('as a user with password-less sudo: installs through sudo -n', () => {
    const r = run({ uid: 1000, sudo: 'password-less' });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'apt-get update -qq DEBIAN_FRONTEND=noninteractive',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium',
      'apt-get install -y -qq --no-install-recommends chromium DEBIAN_FRONTEND=noninteractive',
    ]);
    expect(r.installed).toBe(true);
  });

  it('as a user whose sudo asks for a password: fails at once with the command that fixes it', () => {
    const r = run({ uid: 1000, sudo: 'password' });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.installed).toBe(false);
    expect(r.stderr).toContain('Chromium is missing at');
    expect(r.stderr).toContain('this user may not install it');
    expect(r.stderr).toContain(FIX);
  });

  it('as a user on a machine without sudo: fails at once with the fix', () => {
    const r = run({ uid: 1000, sudo: 'absent' });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain(FIX);
  });

  it('when apt-get fails: says so and names the fix, exit code not 0', () => {
    const r = run({ uid: 0, sudo: 'absent', aptFails: true });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(['apt-get update -qq DEBIAN_FRONTEND=noninteractive']);
    expect(r.stderr).toContain('apt-get update failed');
    expect(r.stderr).toContain(FIX);
  });

  it('with Chromium present: does nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-ensure-'));
    const chromium = path.join(dir, 'chromium');
    fs.writeFileSync(chromium, '#!/bin/sh\n', { mode: 0o755 });
    const r = spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: { PATH: `/nonexistent:${process.env.PATH}`, CHROMIUM_PATH: chromium },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
