import { sql } from 'kysely';
import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { nextValue } from './counters';
import { relaxedStatement, storeDialect, transact, withRelaxedDurability } from './database';
import { sha256Hex } from './document-store';

/** The store's contract, on SQLite and (IPLUS_TEST_DATABASE=postgres) on PostgreSQL. */
describe(`store on ${testDatabase}`, () => {
  // jest's 5 s default applies to the int-postgres project too: the first test starts PostgreSQL and
  // migrates, which takes longer than that on the shared 2-core machine.
  jest.setTimeout(60_000);
  let store: TestStore;
  beforeEach(async () => (store = await openTestStore()));
  afterEach(() => store.dispose());

  /** A second instance on PostgreSQL; SQLite has one writer process, so its own connection. */
  const secondInstance = async () => {
    if (testDatabase === 'sqlite') return { db: store.db, close: async () => undefined };
    return store.reopen();
  };

  it('says which database it runs on', () => {
    expect(storeDialect(store.db)).toBe(testDatabase);
  });

  it('migrates once: reopening an up-to-date store changes nothing and keeps the rows', async () => {
    await transact(store.db, (trx) => nextValue(trx, 'decision'));
    const again = await store.reopen();
    try {
      expect(await nextValue(again.db, 'decision')).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      transact(store.db, async (trx) => {
        await nextValue(trx, 'decision');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      withRelaxedDurability(store.db, async (trx) => {
        await nextValue(trx, 'decision');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await store.db.selectFrom('counters').selectAll().executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('hands out every counter value once under concurrent transactions (and from a second instance)', async () => {
    const other = await secondInstance();
    try {
      const values = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          transact(i % 2 === 0 ? store.db : other.db, (trx) => nextValue(trx, 'decision')),
        ),
      );
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });

  it('keeps read-modify-write transactions apart, as one writer would', async () => {
    // Reads a value, waits, writes it + 1: without one writer at a time, increments get lost.
    await store.db.insertInto('counters').values({ name: 'rmw', value: 0 }).execute();
    const other = await secondInstance();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          transact(i % 2 === 0 ? store.db : other.db, async (trx) => {
            const row = await trx
              .selectFrom('counters')
              .select('value')
              .where('name', '=', 'rmw')
              .executeTakeFirstOrThrow();
            await new Promise((r) => setImmediate(r));
            await trx
              .updateTable('counters')
              .set({ value: row.value + 1 })
              .where('name', '=', 'rmw')
              .execute();
          }),
        ),
      );
      const row = await store.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'rmw')
        .executeTakeFirstOrThrow();
      expect(row.value).toBe(20);
    } finally {
      await other.close();
    }
  });

  // SQLite's triggers are tested in audit/audit-log.int.test.ts.
  if (testDatabase === 'postgres')
    it('refuses to change, delete or truncate an audit entry (PostgreSQL triggers)', async () => {
      await store.db
        .insertInto('audit_log')
        .values({
          seq: 1,
          at: '2026-01-01T00:00:00.000Z',
          user_name: 'u',
          agency_id: 'A',
          action: 'x',
          object: 'o',
          justification: '',
          outcome: 'ok',
          prev_hash: '0',
          hash: '1',
        })
        .execute();
      await expect(sql`UPDATE audit_log SET outcome = 'denied'`.execute(store.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(store.db.updateTable('audit_log').set({ outcome: 'denied' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    });

  it('stores and returns a document, and removes one no decision uses', async () => {
    const bytes = Buffer.from('%PDF-1.4\n' + 'x'.repeat(100_000) + '\n%%EOF\n');
    const first = await store.documents.put(bytes);
    expect(first).toEqual({ sha256: sha256Hex(bytes), created: true });
    expect((await store.documents.put(bytes)).created).toBe(false);
    expect((await store.documents.get(first.sha256))?.equals(bytes)).toBe(true);
    await store.documents.remove(first.sha256);
    expect(await store.documents.get(first.sha256)).toBeUndefined();
  });

  it('commits a single statement on its own', async () => {
    expect(await relaxedStatement(store.db, (db) => nextValue(db, 'decision'))).toBe(1);
    expect(await nextValue(store.db, 'decision')).toBe(2);
    expect(await relaxedStatement(store.db, (db) => nextValue(db, 'decision'))).toBe(3);
  });

  // On both stores. On SQLite this failed three times inside the full suite on 2026-12-06 (the
  // statement seemed not to fail) and passed alone; it passed in the next full run and was not
  // reproduced. The outcome is compared whole so that a failure shows what the statement resolved to.
  it('reports a failed single statement, and the next one runs', async () => {
    const outcome = await relaxedStatement(store.db, (db) =>
      sql`SELECT value FROM no_such_table`.execute(db),
    ).then(
      (value) => ({ resolved: JSON.stringify(value) }),
      (e: unknown) => ({ rejected: String(e) }),
    );
    expect(outcome).toEqual({ rejected: expect.stringMatching(/no_such_table/) });
    expect(await relaxedStatement(store.db, (db) => nextValue(db, 'decision'))).toBe(1);
  });

  if (testDatabase === 'postgres')
    it('runs a single statement on a session that does not wait for the disk, and no other', async () => {
      const relaxed = await relaxedStatement(store.db, (db) =>
        sql<{ sync: string }>`SELECT current_setting('synchronous_commit') AS sync`.execute(db),
      );
      expect(relaxed.rows[0]!.sync).toBe('off');
      // the service's own pool keeps the server's default: an autocommit write there is durable
      const plain = await sql<{ sync: string }>`SELECT current_setting('synchronous_commit') AS sync`.execute(
        store.db,
      );
      expect(plain.rows[0]!.sync).toBe('on');
    });

  it('sorts text by bytes, as keyset pages expect', async () => {
    const names = ['M-10', 'M-1-A', 'm-2', 'M-1', 'M_1', 'É'];
    for (const name of names) await store.db.insertInto('counters').values({ name, value: 0 }).execute();
    const rows = await store.db.selectFrom('counters').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(
      [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
  });

  if (testDatabase === 'postgres')
    it('opens its pooled connections before it serves', async () => {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: store.url });
      await c.connect();
      try {
        const backends = async () =>
          Number(
            (
              await c.query<{ n: string }>(
                `SELECT count(*) AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND pid <> pg_backend_pid()`,
              )
            ).rows[0]!.n,
          );
        // the pool's 10 and the single statements' 3, opened and warmed by openPostgresStore (the
        // flush's own opens on first use)
        expect(await backends()).toBeGreaterThanOrEqual(13);
      } finally {
        await c.end();
      }
    });
});
