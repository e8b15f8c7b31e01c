import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { AuditLog } from '../audit/audit-log';
import { ManualClock } from '../clock';
import type { OpenedStore } from './database';
import { lockWriters, transact, withRelaxedDurability } from './database';
import { nextValue } from './counters';
import { sql } from 'kysely';

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/**
 * When a transaction takes the writers' lock (database.ts, WritersLock), with two instances on one
 * database. The order of events is forced with gates, never with timing: a transaction "holds" the
 * lock until the test opens its gate.
 */
describe(`the writers' lock on ${testDatabase}`, () => {
  jest.setTimeout(60_000);
  let store: TestStore;
  let other: OpenedStore;
  const clock = new ManualClock();
  beforeEach(async () => {
    store = await openTestStore('iplus-writers-lock-');
    other = testDatabase === 'postgres' ? await store.reopen() : store;
  });
  afterEach(async () => {
    if (other !== store) await other.close();
    await store.dispose();
  });

  /** Starts a default (`first`) transaction on `store` that holds the lock until the gate opens. */
  async function holdLock(): Promise<{ release: () => Promise<void> }> {
    const held = gate();
    const release = gate();
    const done = transact(store.db, async (trx) => {
      await nextValue(trx, 'holder');
      held.open();
      await release.opened;
    });
    await held.opened;
    return {
      release: async () => {
        release.open();
        await done;
      },
    };
  }

  /**
   * Resolves once a transaction waits for the writers' lock (PostgreSQL says so), or once `past`
   * says it got past it (the lock did not hold it: the test's order then fails).
   */
  async function untilLockWaitedFor(past: () => boolean = () => false): Promise<void> {
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(store.db);
      if (Number(rows[0]!.n) > 0 || past()) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** An audit entry about `object`. */
  const entry = (object: string) => ({
    user: 'clerk.mons',
    agencyId: 'PAR-MONS',
    action: 'decision.create',
    object,
    outcome: 'ok' as const,
  });

  // PostgreSQL only (as store.int.test.ts does): SQLite has one writer, so no transaction ever runs
  // beside another and `late` changes nothing there.
  const onPostgres = (name: string, fn: () => Promise<void>) => {
    if (testDatabase === 'postgres') it(name, fn);
  };

  onPostgres(
    'a `late` transaction with no serial need commits while another instance holds the lock',
    async () => {
      const holder = await holdLock();
      // Would never resolve before `release` if it waited for the lock (the test would time out).
      await transact(other.db, (trx) => nextValue(trx, 'late-counter'), 'late');
      await withRelaxedDurability(other.db, (trx) => nextValue(trx, 'late-counter'), 'late');
      const row = await other.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'late-counter')
        .executeTakeFirstOrThrow();
      expect(Number(row.value)).toBe(2);
      await holder.release();
    },
  );

  onPostgres('`lockWriters` in a `late` transaction waits for the holder, then sees its commit', async () => {
    const holder = await holdLock();
    const order: string[] = [];
    const late = transact(
      other.db,
      async (trx) => {
        order.push('late: before the lock');
        await lockWriters(trx);
        order.push('late: holds the lock');
        const row = await trx
          .selectFrom('counters')
          .select('value')
          .where('name', '=', 'holder')
          .executeTakeFirst();
        return row ? Number(row.value) : 0;
      },
      'late',
    );
    // Wait until the late transaction waits for the lock (PostgreSQL says so), or got past it (the
    // lock did not hold it: the order below then fails).
    await untilLockWaitedFor(() => order.length > 1);
    order.push('holder: commits');
    await holder.release();
    // Read after the lock: the holder's commit is seen (READ COMMITTED, one snapshot per statement).
    expect(await late).toBe(1);
    expect(order).toEqual(['late: before the lock', 'holder: commits', 'late: holds the lock']);
  });

  onPostgres(
    "an audit entry that takes the lock with the chain's head chains on the entry committed while it waited",
    async () => {
      // The lock and the head's read go in one round trip (auditHeadUnderLock): read on a snapshot
      // from before the wait, the head would miss the holder's entry, and the late entry would take
      // its seq (the insert fails) or fork the chain.
      const a = new AuditLog(store.db, clock);
      const b = new AuditLog(other.db, clock);
      const held = gate();
      const release = gate();
      const holder = transact(store.db, async (trx) => {
        await a.appendIn(trx, entry('D-holder'));
        held.open();
        await release.opened;
      });
      await held.opened;
      const late = transact(other.db, (trx) => b.appendIn(trx, entry('D-late')), 'late');
      await untilLockWaitedFor();
      release.open();
      await holder;
      const lateEntry = await late;
      const [first] = await a.query({ object: 'D-holder', limit: 1 });
      expect(lateEntry).toMatchObject({ seq: first!.seq + 1, prevHash: first!.hash });
      expect(await a.verify(16)).toMatchObject({ ok: true, entries: 2 });
    },
  );

  onPostgres(
    'a durable commit is in the flushed WAL when `transact` returns, `first` or `late`',
    async () => {
      // The transaction commits without waiting for the disk, then `transact` waits for a synchronous
      // commit behind it. Were that wait a no-op (a commit that wrote no WAL is not flushed), the flush
      // position would lag behind our writes here most times: 20 tries, every one must be flushed.
      for (let i = 0; i < 20; i++) {
        const written = await transact(
          store.db,
          async (trx) => {
            await nextValue(trx, 'durable');
            const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn() AS lsn`.execute(
              trx,
            );
            return rows[0]!.lsn;
          },
          i % 2 === 0 ? 'first' : 'late',
        );
        const { rows } = await sql<{ flushed: boolean }>`
        SELECT pg_current_wal_flush_lsn() > ${written}::pg_lsn AS flushed`.execute(store.db);
        expect(rows[0]!.flushed).toBe(true);
      }
    },
  );

  onPostgres(
    'durable commits made side by side are each in the flushed WAL when their `transact` returns (grouped flushes)',
    async () => {
      // Many callers at once: those that commit while a flush is in flight share the next one
      // (GroupFlush). A caller resolved by a flush sent before its commit would find the flushed
      // position behind its write (the WAL writer flushes asynchronous commits only every 200 ms).
      const behind: string[] = [];
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const written = await transact(
            i % 2 === 0 ? store.db : other.db,
            async (trx) => {
              await nextValue(trx, `grouped-${i % 4}`);
              const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn() AS lsn`.execute(
                trx,
              );
              return rows[0]!.lsn;
            },
            'late',
          );
          const { rows } = await sql<{ flushed: boolean }>`
            SELECT pg_current_wal_flush_lsn() > ${written}::pg_lsn AS flushed`.execute(store.db);
          if (!rows[0]!.flushed) behind.push(`${i}: ${written}`);
        }),
      );
      expect(behind).toEqual([]);
    },
  );

  it('keeps one verifiable audit chain when `late` and `first` writers of two instances interleave', async () => {
    const a = new AuditLog(store.db, clock);
    const b = new AuditLog(other.db, clock);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const [db, log] = i % 2 === 0 ? [store.db, a] : [other.db, b];
        // A `late` transaction writes before its audit entry takes the lock, as an upload does.
        if (i % 3 === 0)
          return transact(
            db,
            async (trx) => {
              await nextValue(trx, `late-${i % 2}`);
              await log.appendIn(trx, entry(`D-${i}`));
            },
            'late',
          );
        if (i % 3 === 1) return transact(db, (trx) => log.appendIn(trx, entry(`D-${i}`)));
        return log.append(entry(`D-${i}`));
      }),
    );
    expect(await a.verify(16)).toMatchObject({ ok: true, entries: 60 });
    const seqs = (await b.query({ limit: 100 })).map((e) => e.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('a `late` transaction that fails rolls back everything, before and after the lock', async () => {
    const log = new AuditLog(store.db, clock);
    await expect(
      transact(
        store.db,
        async (trx) => {
          await nextValue(trx, 'rolled-back');
          await log.appendIn(trx, {
            user: 'u',
            agencyId: 'A',
            action: 'x',
            object: 'o',
            outcome: 'ok',
          });
          throw new Error('boom');
        },
        'late',
      ),
    ).rejects.toThrow('boom');
    expect(
      await store.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'rolled-back')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(await log.head()).toMatchObject({ seq: 0 });
    // The connection went back to the pool outside a transaction: the next writes commit.
    await transact(store.db, (trx) => nextValue(trx, 'after'), 'late');
    await transact(store.db, (trx) => nextValue(trx, 'after'));
    const row = await other.db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'after')
      .executeTakeFirstOrThrow();
    expect(Number(row.value)).toBe(2);
  });
});
