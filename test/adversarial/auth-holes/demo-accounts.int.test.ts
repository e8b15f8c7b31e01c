import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { ManualClock } from '../../../platform/src/clock';
import { DemoInProductionError, startPlatform, type Logger } from '../../../platform/src';
import { bearer, call, login } from './support/auth-client';

const DAY = 24 * 60 * 60 * 1000;
const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

/** A logger that keeps its warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return { warnings, error: none, info: none, debug: none, warn: (m: string) => void warnings.push(m) };
}

// Issue 12, "Demo accounts everywhere": IPLUS_DEMO=auto seeded 16 accounts (an admin among them)
// with tokens that never expired, on real agency ids, with no warning, also for production. Now the
// demo warns in the log and tells the web, its tokens expire after 30 days, and IPLUS_ENV=production
// refuses to start while demo accounts exist or would be seeded.
describe('demo accounts (issue 12)', () => {
  jest.setTimeout(180_000);
  const dirs: string[] = [];
  const freshDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-demo-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('in development', () => {
    const clock = new ManualClock(new Date());
    const logger = recordingLogger();
    let t: TestPlatform;
    beforeAll(async () => {
      t = await startTestPlatform({ clock, logger });
    });
    afterAll(async () => t?.close());

    it('warns loudly in the log, naming every demo account', () => {
      const banner = logger.warnings.find((w) => w.includes('DEMO ACCOUNTS ARE ENABLED'));
      expect(banner).toBeDefined();
      for (const user of Object.keys(t.creds)) expect(banner).toContain(user);
      expect(banner).toContain('IPLUS_ENV=production');
    });

    it('tells the web (whoami) that demo accounts exist, so the header shows the banner', async () => {
      const me = await call(t.url, 'GET', '/api/whoami', { headers: bearer(t.creds['clerk.mons']!.token) });
      expect(me.json).toMatchObject({ user: 'clerk.mons', demoUsers: true });
      const users = await call(t.url, 'GET', '/api/users', { headers: bearer(t.creds.admin!.token) });
      expect((users.json as unknown as Array<{ demo: boolean }>).every((u) => u.demo)).toBe(true);
    });

    it('gives demo tokens 30 days: valid the day before, refused at day 30', async () => {
      const db = new Database(path.join(t.dataDir, 'platform.sqlite'), { readonly: true });
      const rows = db
        .prepare("SELECT created_at, expires_at FROM api_tokens WHERE label = 'demo'")
        .all() as Array<{
        created_at: string;
        expires_at: string | null;
      }>;
      db.close();
      expect(rows).toHaveLength(Object.keys(t.creds).length);
      for (const r of rows) expect(Date.parse(r.expires_at!) - Date.parse(r.created_at)).toBe(30 * DAY);
      const token = t.creds.admin!.token;
      clock.advance(30 * DAY - 60_000);
      expect((await call(t.url, 'GET', '/api/whoami', { headers: bearer(token) })).status).toBe(200);
      clock.advance(60_000);
      expect((await call(t.url, 'GET', '/api/whoami', { headers: bearer(token) })).status).toBe(401);
    });
  });

  describe('IPLUS_ENV=production', () => {
    const base = { httpHost: '127.0.0.1', httpPort: 0, zeebeAddress: '127.0.0.1:1' } as const;

    it('refuses to seed demo accounts on an empty folder, saying to set IPLUS_DEMO=off, and writes nothing', async () => {
      const dataDir = freshDir();
      for (const demo of ['auto', 'on'] as const) {
        const start = startPlatform({ ...base, dataDir, demo, env: 'production' });
        await expect(start).rejects.toBeInstanceOf(DemoInProductionError);
        await expect(start).rejects.toThrow(/IPLUS_DEMO=off/);
      }
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.sqlite') || f.endsWith('.json'))).toEqual([]);
    });

    it('refuses to start while demo accounts are enabled, and starts once an admin of your own disabled them', async () => {
      const dataDir = freshDir();
      const dev = await startTestPlatform({ dataDir });
      const adminToken = dev.creds.admin!.token;
      const created = await call(dev.url, 'POST', '/api/users', {
        headers: bearer(adminToken),
        body: { name: 'ops.admin', password: 'our own admin password', role: 'admin', agencyId: 'IPLUS' },
      });
      expect(created.json).toMatchObject({ name: 'ops.admin', demo: false });
      await dev.close();

      const refused = startPlatform({ ...base, dataDir, demo: 'off', env: 'production' });
      await expect(refused).rejects.toBeInstanceOf(DemoInProductionError);
      await expect(refused).rejects.toThrow(/16 demo accounts are enabled \(.*admin.*\)/);
      await expect(refused).rejects.toThrow(/disable every demo account/);

      // a demo token of an older data folder, without expiry, is capped at 30 days by the next start
      const db = new Database(path.join(dataDir, 'platform.sqlite'));
      db.prepare("UPDATE api_tokens SET expires_at = NULL WHERE label = 'demo'").run();
      db.close();

      const again = await startPlatform({ ...base, dataDir, demo: 'off' });
      const { session } = await login(again.url, 'ops.admin', 'our own admin password');
      for (const user of Object.keys(dev.creds)) {
        const r = await call(again.url, 'PATCH', `/api/users/${user}`, {
          headers: session!.headers,
          body: { disabled: true },
        });
        expect(r.status).toBe(200);
      }
      const me = await call(again.url, 'GET', '/api/whoami', { headers: { cookie: session!.cookie } });
      expect(me.json).toMatchObject({ user: 'ops.admin', demoUsers: false });
      await again.close();

      const check = new Database(path.join(dataDir, 'platform.sqlite'), { readonly: true });
      const capped = check
        .prepare("SELECT count(*) AS n FROM api_tokens WHERE label = 'demo' AND expires_at IS NULL")
        .get() as {
        n: number;
      };
      check.close();
      expect(capped.n).toBe(0);

      const logger = recordingLogger();
      const prod = await startPlatform({ ...base, dataDir, demo: 'auto', env: 'production', logger });
      expect(logger.warnings.some((w) => w.includes('DEMO'))).toBe(false);
      expect((await call(prod.url, 'GET', '/health')).status).toBe(200);
      await prod.close();
    });

    it('`iplus platform` in development prints the banner in its log at start, before serving', async () => {
      const dataDir = freshDir();
      const child = spawn(process.execPath, [CLI, 'platform'], {
        env: { ...process.env, IPLUS_DATA_DIR: dataDir, IPLUS_HTTP_PORT: '0', ZEEBE_ADDRESS: '127.0.0.1:1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (/HTTP API and web UI on/.test(out)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      child.kill('SIGINT');
      await exited;
      const banner = out.indexOf('DEMO ACCOUNTS ARE ENABLED (16)');
      expect(banner).toBeGreaterThan(-1);
      expect(banner).toBeLessThan(out.indexOf('HTTP API and web UI on'));
      expect(out).toContain('!'.repeat(78));
    });

    it('`iplus platform` with IPLUS_ENV=production on an empty folder exits 2 and says how to fix it', async () => {
      const dataDir = freshDir();
      const child = spawn(process.execPath, [CLI, 'platform'], {
        env: {
          ...process.env,
          IPLUS_DATA_DIR: dataDir,
          IPLUS_ENV: 'production',
          IPLUS_HTTP_PORT: '0',
          ZEEBE_ADDRESS: '127.0.0.1:1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(err).toContain('iplus: cannot start: IPLUS_ENV=production');
      expect(err).toContain('Set IPLUS_DEMO=off');
    });
  });
});
