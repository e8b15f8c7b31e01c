import { sql } from 'kysely';
import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { ManualClock } from '../clock';
import { auditAppender, registerAuditAppender } from '../store/audit-appender';
import { transact, type OpenedStore } from '../store/database';
import { AuditLog } from './audit-log';

/**
 * The entries of reads (`append`): on PostgreSQL chained onto the head the log last wrote and sent
 * in one statement that checks it (store/audit-appender.ts); on SQLite in a transaction. Either way
 * the chain stays one chain when that head is no longer the chain's.
 */
describe(`the audit entries of reads on ${testDatabase}`, () => {
  jest.setTimeout(30_000);
  let store: TestStore;
  let other: OpenedStore;
  const clock = new ManualClock();
  beforeEach(async () => {
    store = await openTestStore('iplus-audit-reads-');
    other = testDatabase === 'postgres' ? await store.reopen() : store;
  });
  afterEach(async () => {
    if (other !== store) await other.close();
    await store.dispose();
  });

  const entry = (object: string) => ({
    user: 'agent.comines',
    agencyId: 'PZ-5318',
    action: 'mandate.list',
    object,
    outcome: 'ok' as const,
  });
  /** An audit_log row written by hand, its hash not chained (for what does not check the chain). */
  const handWritten = (seq: number) => ({
    seq,
    at: clock.now().toISOString(),
    user_name: 'x',
    agency_id: 'x',
    action: 'x',
    object: 'x',
    justification: '',
    outcome: 'ok',
    prev_hash: 'x',
    hash: 'x',
  });
  const objects = async (log: AuditLog) =>
    (await log.query({ limit: 100 })).map((e) => `${e.seq}:${e.object}`).reverse();

  it('chains onto the head another instance moved meanwhile', async () => {
    const a = new AuditLog(store.db, clock);
    const b = new AuditLog(other.db, clock);
    await a.append(entry('a1'));
    await Promise.all([b.append(entry('b1')), b.append(entry('b2'))]);
    await b.append(entry('b3'));
    await a.append(entry('a2'));
    expect(await objects(a)).toEqual(['1:a1', '2:b1', '3:b2', '4:b3', '5:a2']);
    expect(await a.verify(2)).toMatchObject({ ok: true, entries: 5 });
  });

  it('does not chain onto the entry of a change that rolled back', async () => {
    const a = new AuditLog(store.db, clock);
    await a.append(entry('r1'));
    await expect(
      transact(store.db, async (trx) => {
        await a.appendIn(trx, entry('rolled back'));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await a.append(entry('r2'));
    expect(await objects(a)).toEqual(['1:r1', '2:r2']);
    expect(await a.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('appends in a transaction when the head keeps moving under the one-statement appender', async () => {
    const a = new AuditLog(store.db, clock);
    await a.append(entry('f1'));
    // An appender that always finds another head: the log gives up on it after a few tries.
    let tries = 0;
    registerAuditAppender(store.db, {
      appendAfter: async () => {
        tries++;
        return { appended: false, head: { seq: 99, hash: 'elsewhere' } };
      },
    });
    await a.append(entry('f2'));
    expect(tries).toBe(3);
    expect(await objects(a)).toEqual(['1:f1', '2:f2']);
    expect(await a.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('numbers entries past 2^31', async () => {
    const a = new AuditLog(store.db, clock);
    // The entry before is written by hand (its hash is not chained): only the numbering is checked.
    await store.db
      .insertInto('audit_log')
      .values(handWritten(2 ** 31 - 2))
      .execute();
    await a.append(entry('last of an integer'));
    await a.append(entry('past it'));
    expect((await objects(a)).slice(-2)).toEqual([`${2 ** 31 - 1}:last of an integer`, `${2 ** 31}:past it`]);
    expect(await a.head()).toMatchObject({ seq: 2 ** 31 });
  });

  if (testDatabase === 'postgres')
    it('the PostgreSQL appender inserts nothing onto a head that is not the chain’s, and names the head', async () => {
      const a = new AuditLog(store.db, clock);
      await a.append(entry('h1'));
      const head = await a.head();
      const appender = auditAppender(store.db)!;
      const row = { ...handWritten(2), prev_hash: 'not the head' };
      expect(await appender.appendAfter({ seq: 1, hash: 'not the head' }, [row])).toEqual({
        appended: false,
        head,
      });
      expect(await appender.appendAfter(undefined, [{ ...row, seq: 1 }])).toEqual({ appended: false, head });
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(store.db);
      expect(Number(rows[0]!.n)).toBe(1);
    });
});
