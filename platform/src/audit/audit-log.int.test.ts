import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import { ManualClock } from '../clock';
import { openStore, type OpenedStore } from '../store/database';
import { AuditLog } from './audit-log';

describe('AuditLog on SQLite', () => {
  let dir: string;
  let store: OpenedStore;
  let audit: AuditLog;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-audit-'));
    store = await openStore(dir);
    audit = new AuditLog(store.db, new ManualClock());
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const entry = (i: number) => ({
    user: 'agent.comines',
    agencyId: 'PZ-5318',
    action: 'mandate.read',
    object: `M-${i}`,
    justification: 'inbox',
    outcome: 'ok' as const,
  });

  it('chains concurrent appends (grouped into few commits) in a verifiable order', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => audit.append(entry(i))));
    await store.db.transaction().execute((trx) => audit.appendIn(trx, entry(50)));
    expect(await audit.verify(7)).toMatchObject({ ok: true, entries: 51 });
    const newest = await audit.query({ limit: 2 });
    expect(newest.map((e) => e.seq)).toEqual([51, 50]);
    expect(newest[0]!.prevHash).toBe(newest[1]!.hash);
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await audit.append(entry(1));
    await expect(sql`UPDATE audit_log SET outcome = 'denied'`.execute(store.db)).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/append-only/),
    );
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/append-only/),
    );
  });

  it('detects tampering done behind its back (triggers dropped)', async () => {
    for (let i = 1; i <= 4; i++) await audit.append(entry(i));
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`UPDATE audit_log SET object = 'M-forged' WHERE seq = 2`.execute(store.db);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('an entry appended in a rolled-back transaction leaves no trace', async () => {
    await audit.append(entry(1));
    await expect(
      store.db.transaction().execute(async (trx) => {
        await audit.appendIn(trx, entry(2));
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    await audit.append(entry(3));
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('filters by user and object', async () => {
    await audit.append(entry(1));
    await audit.append({ ...entry(2), user: 'clerk.mons', agencyId: 'PAR-MONS-TOURNAI' });
    expect((await audit.query({ user: 'clerk.mons', limit: 10 })).map((e) => e.object)).toEqual(['M-2']);
    expect((await audit.query({ object: 'M-1', limit: 10 })).map((e) => e.user)).toEqual(['agent.comines']);
  });
});
