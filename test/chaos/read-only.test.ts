import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decision, startIplus, upload } from '../e2e/platform/iplus-process';
import { nobodyCheckout, type NobodyCheckout } from './run-as-nobody';

/**
 * `iplus start` as the unprivileged user nobody (uid 65534): root may write anywhere, so only
 * another user sees a read-only folder. The checkout may sit in a folder nobody cannot traverse;
 * run-as-nobody.ts then runs the same code from a place nobody reaches. Resolves with the exit code
 * and what it printed.
 */
function startAsNobody(
  checkout: NobodyCheckout,
  dataDir: string,
): Promise<{ code: number | null; out: string }> {
  const child = checkout.spawn(['start'], {
    ...process.env,
    IPLUS_DATA_DIR: dataDir,
    IPLUS_HTTP_PORT: '0',
    IPLUS_GATEWAY_PORT: '0',
    IPLUS_ENGINE_REST_PORT: '0',
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

/** The start failed with a message naming the folder and what to do, and no stack trace. */
function expectClearRefusal(result: { code: number | null; out: string }, folder: string): void {
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.out).toContain(`the data folder ${folder}`);
  expect(result.out).toMatch(/not writable by this user \(uid 65534\)/);
  expect(result.out).toMatch(/write access|IPLUS_DATA_DIR/);
  expect(result.out).not.toMatch(/\n\s+at /);
}

// Issue 8, "Dependencies down": a read-only data folder gives a clear error and leaves no corrupt state.
describe('read-only data folder', () => {
  jest.setTimeout(180_000);
  const made: string[] = [];
  let checkout: NobodyCheckout;
  beforeAll(() => {
    checkout = nobodyCheckout();
  });
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-readonly-'));
    fs.chmodSync(dir, 0o755); // readable by everyone, writable by root only
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    checkout?.dispose();
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an empty folder the user cannot write: start refuses, naming the folder and the fix', async () => {
    const dir = folder();
    expectClearRefusal(await startAsNobody(checkout, dir), dir);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an existing data folder the user cannot write: start refuses; the data stays intact for its owner', async () => {
    const dir = folder();
    let iplus = await startIplus({ dataDir: dir });
    const up = await iplus.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      upload(decision('TAP-MONS-2026-RO-1')),
    );
    expect(up.status).toBe(201);
    expect(await iplus.stop('SIGTERM')).toBe(0);
    const before = fs.readdirSync(dir, { recursive: true }).sort();

    const refused = await startAsNobody(checkout, dir);
    expectClearRefusal(refused, dir);
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(before);

    // The owner starts it again: nothing was damaged.
    iplus = await startIplus({ dataDir: dir });
    const d = await iplus.as<{ reference: string }>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
    expect(d.body.reference).toBe('TAP-MONS-2026-RO-1');
    expect(await iplus.stop('SIGTERM')).toBe(0);
  });
});
