import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { ManualClock } from '../clock';
import { silentLogger } from '../logger';
import { Outbox } from './outbox';
import { claimDue, OUTBOX_LEASE_MS } from './outbox-claim';

describe(`Outbox on ${testDatabase}`, () => {
  // jest's 5 s default is per run, not per project: on the shared 2-core machine a PostgreSQL start
  // in beforeEach or 300 items over two pools can take longer (main's tree timed out there too).
  jest.setTimeout(60_000);
  let store: TestStore;
  let clock: ManualClock;
  beforeEach(async () => {
    store = await openTestStore('iplus-outbox-');
    clock = new ManualClock();
  });
  afterEach(() => store.dispose());

  const enqueue = (key: string, kind: 'publish' | 'callback' = 'publish') =>
    store.db
      .transaction()
      .execute((trx) => Outbox.enqueueIn(trx, clock.now(), { key, kind, payload: { key } }));

  it('carries out an item once it commits, retries failures with back-off, and never twice after success', async () => {
    const outbox = new Outbox(store.db, clock, silentLogger, { backoffMs: (n) => 1000 * n });
    const calls: string[] = [];
    let failures = 2;
    outbox.handle('publish', async (p) => {
      calls.push((p as { key: string }).key);
      if (failures-- > 0) throw new Error('engine down');
    });
    await enqueue('a');
    await enqueue('a'); // same key: ignored
    expect(await outbox.runDue()).toBe(1);
    expect(await outbox.runDue()).toBe(0); // not due before its back-off
    clock.advance(1000);
    expect(await outbox.runDue()).toBe(1); // second attempt fails: next one waits 2 s
    clock.advance(1999);
    expect(await outbox.runDue()).toBe(0);
    clock.advance(1);
    expect(await outbox.runDue()).toBe(1);
    expect(calls).toEqual(['a', 'a', 'a']);
    expect(await outbox.pending()).toBe(0);
    clock.advance(100_000);
    expect(await outbox.runDue()).toBe(0);
    const row = await store.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 3, last_error: null });
  });

  it('an item enqueued in a rolled-back transaction never runs', async () => {
    const outbox = new Outbox(store.db, clock, silentLogger);
    outbox.handle('publish', async () => undefined);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await Outbox.enqueueIn(trx, clock.now(), { key: 'lost', kind: 'publish', payload: {} });
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    expect(await outbox.runDue()).toBe(0);
  });

  it('gives up a callback after its time limit, and says so', async () => {
    const outbox = new Outbox(store.db, clock, silentLogger, {
      backoffMs: () => 60_000,
      giveUpAfterMs: { callback: 24 * 3600_000 },
    });
    outbox.handle('callback', async () => {
      throw new Error('receiver gone');
    });
    await enqueue('cb', 'callback');
    for (let h = 0; h < 25; h++) {
      await outbox.runDue();
      clock.advance(3600_000);
    }
    const row = await store.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.given_up_at).not.toBeNull();
    expect(row.last_error).toBe('receiver gone');
    expect(await outbox.pending()).toBe(0);
  });

  it('runNow carries out one item at once and reports the outcome', async () => {
    const outbox = new Outbox(store.db, clock, silentLogger);
    outbox.handle('publish', async () => undefined);
    await enqueue('now');
    expect(await outbox.runNow('now')).toBe(true);
    expect(await outbox.runNow('now')).toBe(true);
    expect(await outbox.runNow('unknown')).toBe(false);
  });

  if (testDatabase === 'postgres') {
    it('two instances on one database carry out each item once, and share the work', async () => {
      const other = await store.reopen();
      try {
        const seen = new Map<string, string[]>();
        const make = (db: typeof store.db, name: string) => {
          const outbox = new Outbox(db, clock, silentLogger, { concurrency: 4 });
          outbox.handle('publish', async (p) => {
            await new Promise((r) => setImmediate(r));
            const key = (p as { key: string }).key;
            seen.set(key, [...(seen.get(key) ?? []), name]);
          });
          return outbox;
        };
        const a = make(store.db, 'A');
        const b = make(other.db, 'B');
        for (let i = 0; i < 300; i++) await enqueue(`item-${i}`);
        while ((await a.pending()) > 0) await Promise.all([a.runDue(), b.runDue(), a.runNow('item-299')]);
        expect(seen.size).toBe(300);
        expect([...seen.values()].filter((by) => by.length !== 1)).toEqual([]);
        const by = [...seen.values()].map((v) => v[0]);
        expect(by).toContain('A');
        expect(by).toContain('B');
      } finally {
        await other.close();
      }
    });

    it('an item claimed by an instance that died is taken over once its lease runs out', async () => {
      const other = await store.reopen();
      try {
        await enqueue('orphan');
        expect((await claimDue(store.db, clock.now(), 10)).map((r) => r.key)).toEqual(['orphan']);
        // The claiming instance is gone before carrying it out.
        const calls: string[] = [];
        const b = new Outbox(other.db, clock, silentLogger);
        b.handle('publish', async (p) => void calls.push((p as { key: string }).key));
        expect(await b.runDue()).toBe(0);
        expect(await b.runNow('orphan')).toBe(false);
        clock.advance(OUTBOX_LEASE_MS);
        expect(await b.runDue()).toBe(1);
        expect(calls).toEqual(['orphan']);
        expect(await b.pending()).toBe(0);
      } finally {
        await other.close();
      }
    });
  }
});
