import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../clock';
import { silentLogger } from '../logger';
import { openStore, type OpenedStore } from '../store/database';
import { Outbox } from './outbox';

describe('Outbox on SQLite', () => {
  let dir: string;
  let store: OpenedStore;
  let clock: ManualClock;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-outbox-'));
    store = await openStore(dir);
    clock = new ManualClock();
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

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
});
