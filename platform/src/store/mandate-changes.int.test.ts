import type { Principal } from '../auth/roles';
import { uploadDecision } from '../decisions/upload-decision';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { mandateRow } from '../__fixtures__/mandate-row';
import { transact, type Db } from './database';
import { mandateChanges, type InboxKey, type MandateChanges } from './mandate-changes';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

let n = 0;
/** Inserts a mandate of `decisionId` for `recipientId` (Hainaut, parquet Mons-Tournai). */
async function insertMandate(db: Db, decisionId: string, recipientId: string): Promise<string> {
  const id = `M-${String(++n).padStart(6, '0')}-TEST`;
  await transact(db, (trx) =>
    trx
      .insertInto('mandates')
      .values(
        mandateRow(id, decisionId, {
          recipient_id: recipientId,
          deadline: `2026-12-02T08:00:00.${String(n).padStart(3, '0')}Z`,
        }),
      )
      .execute(),
  );
  return id;
}

/**
 * Waits until `changes` has seen a change for `recipientId` made after the call: changes arrive in
 * commit order, so whatever was committed before has been counted by then.
 */
async function settled(
  changes: MandateChanges,
  db: Db,
  decisionId: string,
  recipientId: string,
): Promise<void> {
  const key: InboxKey = `recipient:${recipientId}`;
  const since = await changes.token(key);
  await insertMandate(db, decisionId, recipientId);
  expect((await changes.waitForChange(key, since, 20_000)).changed).toBe(true);
}

describe(`the mandates' changes, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-mandate-changes-');
  let decisionId: string;
  beforeEach(async () => {
    const up = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision(`TAP-MONS-2026-CHANGES-${++n}`),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    decisionId = up.decision.id;
  });

  it('wakes the waiters of the inboxes a new mandate enters, and only theirs', async () => {
    const changes = mandateChanges(t.store.db);
    const zone: InboxKey = 'recipient:PZ-5318';
    const other: InboxKey = 'recipient:PZ-5339';
    const [zoneSince, otherSince, provinceSince] = await Promise.all([
      changes.token(zone),
      changes.token(other),
      changes.token('province:BE-WHT'),
    ]);
    const zoneWait = changes.waitForChange(zone, zoneSince, 20_000);
    const provinceWait = changes.waitForChange('province:BE-WHT', provinceSince, 20_000);
    const otherWait = changes.waitForChange(other, otherSince, 1500);
    await new Promise((r) => setImmediate(r));
    expect(changes.waiting).toBe(3);
    await insertMandate(t.store.db, decisionId, 'PZ-5318');
    expect(await zoneWait).toMatchObject({ changed: true });
    expect(await provinceWait).toMatchObject({ changed: true });
    expect(await otherWait).toEqual({ changed: false, token: otherSince });
    expect(changes.waiting).toBe(0);
    // a token from before the change answers at once, without waiting
    expect((await changes.waitForChange(zone, zoneSince, 20_000)).changed).toBe(true);
  });

  it('counts a change of status, not a rolled-back insert nor a change of other columns', async () => {
    const changes = mandateChanges(t.store.db);
    const zone: InboxKey = 'recipient:PZ-5318';
    const id = await insertMandate(t.store.db, decisionId, 'PZ-5318');
    await settled(changes, t.store.db, decisionId, 'PZ-5339');
    const since = await changes.token(zone);
    await expect(
      transact(t.store.db, async (trx) => {
        await trx.updateTable('mandates').set({ status: 'acknowledged' }).where('id', '=', id).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await transact(t.store.db, (trx) =>
      trx
        .updateTable('mandates')
        .set({ process_instance_key: '2251799813685249' })
        .where('id', '=', id)
        .execute(),
    );
    await settled(changes, t.store.db, decisionId, 'PZ-5339');
    expect(await changes.waitForChange(zone, since, 0)).toEqual({ changed: false, token: since });
    await transact(t.store.db, (trx) =>
      trx.updateTable('mandates').set({ status: 'acknowledged' }).where('id', '=', id).execute(),
    );
    expect((await changes.waitForChange(zone, since, 20_000)).changed).toBe(true);
  });

  it('reports a write outside a transaction, one that returns rows too', async () => {
    const changes = mandateChanges(t.store.db);
    const zone: InboxKey = 'recipient:PZ-5318';
    const id = await insertMandate(t.store.db, decisionId, 'PZ-5318');
    await settled(changes, t.store.db, decisionId, 'PZ-5318');
    const since = await changes.token(zone);
    const waiting = changes.waitForChange(zone, since, 20_000);
    const updated = await t.store.db
      .updateTable('mandates')
      .set({ status: 'acknowledged' })
      .where('id', '=', id)
      .returning('id')
      .execute();
    expect(updated).toEqual([{ id }]);
    expect((await waiting).changed).toBe(true);
  });

  it("answers a token it did not give (another instance's, an earlier start's, garbage) as changed", async () => {
    const changes = mandateChanges(t.store.db);
    const zone: InboxKey = 'recipient:PZ-5318';
    const mine = await changes.token(zone);
    const foreign = Buffer.from(JSON.stringify(['other', zone, 0])).toString('base64url');
    expect(await changes.waitForChange(zone, foreign, 20_000)).toEqual({ changed: true, token: mine });
    expect((await changes.waitForChange(zone, 'not a token', 20_000)).changed).toBe(true);
    expect((await changes.waitForChange('recipient:PZ-5339', mine, 20_000)).changed).toBe(true);
  });

  it('ends a wait when its signal aborts', async () => {
    const changes = mandateChanges(t.store.db);
    const since = await changes.token('all');
    const stop = new AbortController();
    const waiting = changes.waitForChange('all', since, 20_000, stop.signal);
    stop.abort();
    expect(await waiting).toEqual({ changed: false, token: since });
    expect(changes.waiting).toBe(0);
  });

  if (testDatabase === 'postgres') {
    it("wakes one instance's waiters for a mandate another instance issued", async () => {
      const other = await t.store.reopen();
      try {
        const changes = mandateChanges(t.store.db);
        const since = await changes.token('recipient:PZ-5318');
        const waiting = changes.waitForChange('recipient:PZ-5318', since, 20_000);
        await insertMandate(other.db, decisionId, 'PZ-5318');
        expect((await waiting).changed).toBe(true);
      } finally {
        await other.close();
      }
    });
  }
});
