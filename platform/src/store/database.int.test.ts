import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import { openStore, transact, withRelaxedDurability } from './database';
import { nextValue, sequenceId } from './counters';
import { mandateRow } from '../__fixtures__/mandate-row';

describe('platform store', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens in WAL mode with synchronous=FULL and foreign keys, and migrates once', async () => {
    const store = await openStore(dir);
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(store.db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    expect(sync.rows[0]!.synchronous).toBe(2);
    expect(fk.rows[0]!.foreign_keys).toBe(1);
    await store.close();
    const again = await openStore(dir);
    expect(await again.ping()).toBe(true);
    await again.close();
  });

  it('reads rows as the driver would: same keys in order, nulls, repeated names; a __proto__ column pollutes nothing', async () => {
    const store = await openStore(dir);
    const one = await sql<Record<string, unknown>>`SELECT 1 AS a, NULL AS b, 'x' AS "c d", 2.5 AS e`.execute(
      store.db,
    );
    expect(one.rows).toEqual([{ a: 1, b: null, 'c d': 'x', e: 2.5 }]);
    expect(Object.keys(one.rows[0]!)).toEqual(['a', 'b', 'c d', 'e']);
    // A repeated column name keeps the last value, as better-sqlite3 does.
    const repeated = await sql<Record<string, unknown>>`SELECT 1 AS a, 2 AS a`.execute(store.db);
    expect(repeated.rows).toEqual([{ a: 2 }]);
    const proto = await sql<Record<string, unknown>>`SELECT 'v' AS "__proto__"`.execute(store.db);
    // Still a plain object (the driver's realm's Object.prototype, whose own prototype is null).
    expect(Object.getPrototypeOf(Object.getPrototypeOf(proto.rows[0]))).toBeNull();
    const many = await sql<{
      n: number;
    }>`WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) SELECT n FROM c`.execute(
      store.db,
    );
    expect(many.rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await store.close();
  });

  it('checkpoints on its worker thread: the log is reused instead of growing with every write', async () => {
    // Counts the worker's checkpoints, so the test waits for them rather than for time: on a busy
    // machine the thread may start, or tick, late.
    let checkpoints = 0;
    let wake = (): void => undefined;
    const store = await openStore(dir, {
      failed: (m) => {
        throw new Error(m);
      },
      recovered: () => undefined,
      checkpointed: () => {
        checkpoints++;
        wake();
      },
    });
    const checkpointsAfterNow = async (count: number): Promise<void> => {
      const target = checkpoints + count;
      while (checkpoints < target) await new Promise<void>((r) => (wake = r));
    };
    const wal = path.join(dir, 'platform.sqlite-wal');
    const auto = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db);
    expect(auto.rows[0]!.wal_autocheckpoint).toBe(0);
    await sql`CREATE TABLE scratch (x BLOB)`.execute(store.db);
    // 12 MiB written in 48 commits; without checkpoints the log would hold all of it. Every 2 MiB
    // the test waits until the thread has checkpointed twice (so once wholly after those commits).
    for (let i = 0; i < 48; i++) {
      await sql`INSERT INTO scratch VALUES (zeroblob(262144))`.execute(store.db);
      await sql`DELETE FROM scratch`.execute(store.db);
      if (i % 8 === 7) await checkpointsAfterNow(2);
    }
    expect(fs.statSync(wal).size).toBeLessThan(6 * 1024 * 1024);
    await store.close();
    expect(fs.existsSync(wal)).toBe(false);
  }, 30_000);

  it('hands out sequence numbers that survive a reopen and roll back with their transaction', async () => {
    const store = await openStore(dir);
    expect(await nextValue(store.db, 'decision')).toBe(1);
    expect(await nextValue(store.db, 'decision')).toBe(2);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await nextValue(trx, 'decision');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await store.close();
    const again = await openStore(dir);
    expect(await nextValue(again.db, 'decision')).toBe(3);
    expect(sequenceId('D', 3)).toBe('D-000003');
    await again.close();
  });

  it('refuses a mandate for an unknown decision (foreign keys on)', async () => {
    const store = await openStore(dir);
    await expect(
      store.db
        .insertInto('mandates')
        .values(mandateRow('M-1', 'D-404', { issued_at: 'x', deadline: 'y' }))
        .execute(),
    ).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/));
    await store.close();
  });

  it('transact commits (and waits for the disk), rolls back on error, and serves concurrent callers', async () => {
    const store = await openStore(dir);
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => transact(store.db, (trx) => nextValue(trx, `c${i % 3}`))),
    );
    expect(ids.sort()).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7].sort());
    await expect(
      transact(store.db, async (trx) => {
        await nextValue(trx, 'rolled');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await withRelaxedDurability(store.db, (trx) => nextValue(trx, 'relaxed'));
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
    expect(sync.rows[0]!.synchronous).toBe(2);
    await store.close();
    const again = await openStore(dir);
    expect(await nextValue(again.db, 'rolled')).toBe(1);
    expect(await nextValue(again.db, 'relaxed')).toBe(2);
    expect(await nextValue(again.db, 'c0')).toBe(8);
    await again.close();
  });

  /** Descriptors of this process that point at `file` (Linux /proc). */
  const openDescriptors = (file: string): string[] =>
    fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
      } catch {
        return false;
      }
    });

  it('keeps syncing the same log file across checkpoints that restart and truncate it, and lets go of it at close', async () => {
    const store = await openStore(dir);
    const wal = path.join(dir, 'platform.sqlite-wal');
    const inode = fs.statSync(wal).ino;
    expect(openDescriptors(wal).length).toBeGreaterThanOrEqual(2); // SQLite's and the syncer's
    for (let round = 0; round < 3; round++) {
      // Commits that fill the log (round 0 passes the 1000-page auto-checkpoint), then explicit restart and truncate.
      // (Concurrent, so the group commit shares a few fsyncs among them.)
      await Promise.all(
        Array.from({ length: round === 0 ? 400 : 100 }, (_, i) =>
          transact(store.db, (trx) =>
            sql`INSERT INTO counters (name, value) VALUES (${`r${round}-${i}-${'x'.repeat(3000)}`}, 1)`.execute(
              trx,
            ),
          ),
        ),
      );
      // The checkpointer thread's own PASSIVE checkpoint may hold the log for a moment (busy = 1):
      // try again until this one ran in full (bounded), as an operator's would.
      for (let attempt = 0; attempt < 100; attempt++) {
        const { rows } = await sql<{
          busy: number;
        }>`PRAGMA wal_checkpoint(${sql.raw(round === 0 ? 'RESTART' : 'TRUNCATE')})`.execute(store.db);
        if (rows[0]?.busy === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(fs.statSync(wal).ino).toBe(inode);
      if (round > 0) expect(fs.statSync(wal).size).toBe(0);
      await transact(store.db, (trx) => nextValue(trx, 'after-checkpoint'));
    }
    await store.close();
    expect(openDescriptors(wal)).toEqual([]);
    const again = await openStore(dir);
    expect(await nextValue(again.db, 'after-checkpoint')).toBe(4);
    await again.close();
  }, 30_000);

  it('closes with commits in flight: each either resolves durable or rejects, and the closed store is down', async () => {
    const store = await openStore(dir);
    const attempts = Array.from({ length: 30 }, () =>
      transact(store.db, (trx) => nextValue(trx, 'racing')).then(
        () => 'ok',
        () => 'refused',
      ),
    );
    await store.close();
    const outcomes = await Promise.all(attempts);
    expect(await store.ping()).toBe(false);
    const again = await openStore(dir);
    const committed = outcomes.filter((o) => o === 'ok').length;
    // Every commit reported ok is there; the next value follows them.
    expect(await nextValue(again.db, 'racing')).toBeGreaterThan(committed);
    await again.close();
  });
});
