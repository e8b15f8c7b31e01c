import type { Principal } from '../auth/roles';
import type { BngPort, SignalementEnd } from '../bng/bng-port';
import { uploadDecision } from '../decisions/upload-decision';
import { endMeasure } from '../lifecycle/end-measure';
import { systemActor } from '../service-context';
import { transact } from '../store/database';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { endActiveSignalement, endSignalementHandler } from './end-signalement';
import { ensureSignalement } from './ensure-signalement';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

/** A BNG whose creations can be held at the gate, and which counts what it was asked. */
class GatedBng implements BngPort {
  readonly register = 'bng-http' as const;
  created: string[] = [];
  ended: SignalementEnd[] = [];
  private hold?: Promise<void>;
  private release?: () => void;
  entered?: Promise<void>;
  private enter?: () => void;
  holdCreations(): void {
    this.hold = new Promise((r) => (this.release = r));
    this.entered = new Promise((r) => (this.enter = r));
  }
  letGo(): void {
    this.release?.();
  }
  async createSignalement(s: { signalementId: string }): Promise<{ externalId: string | null }> {
    this.created.push(s.signalementId);
    this.enter?.();
    await this.hold;
    return { externalId: `BNG-${s.signalementId}` };
  }
  async updateSignalement(): Promise<void> {}
  async endSignalement(end: SignalementEnd): Promise<void> {
    this.ended.push(end);
  }
  health() {
    return { status: 'up' as const };
  }
}

// Found by the two-instance chaos run: a create-signalement job whose worker was still at work when
// the measure's period ended (its end timer, a revocation) wrote an active signalement after the end
// had ended the ones it saw, leaving a BNG flag on an ended case.
describe(`no active signalement behind a measure's end, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-signalement-after-end-');

  async function upload(reference: string): Promise<string> {
    const r = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision(reference),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    return r.decision.id;
  }

  const signalementsOf = (decisionId: string) =>
    t.store.db
      .selectFrom('signalements')
      .select(['id', 'status'])
      .where('decision_id', '=', decisionId)
      .execute();

  function runEndsThroughOutbox(bng: BngPort): void {
    t.ctx.outbox.handle('end_signalement', endSignalementHandler(t.ctx, bng));
  }

  it.each(['ended', 'revoked'])(
    'refuses with 409 when the measure is already %s, before asking the BNG',
    async (status) => {
      const id = await upload(`TAP-MONS-2026-SIG-${status.toUpperCase()}`);
      await t.store.db.updateTable('decisions').set({ status }).where('id', '=', id).execute();
      const bng = new GatedBng();
      await expect(ensureSignalement(t.ctx, bng, id, systemActor('test'))).rejects.toMatchObject({
        status: 409,
        code: 'measure_over',
      });
      expect(bng.created).toEqual([]);
      expect(await signalementsOf(id)).toEqual([]);
    },
  );

  it('a creation at the BNG while the measure ends: its end is queued with it and carried out', async () => {
    const id = await upload('TAP-MONS-2026-SIG-RACE');
    const bng = new GatedBng();
    runEndsThroughOutbox(bng);
    bng.holdCreations();
    const creating = ensureSignalement(t.ctx, bng, id, systemActor('iplus:create-signalement'));
    await bng.entered;
    await endMeasure(t.ctx, bng, id, 'ended', systemActor('iplus:end-measure'));
    expect(bng.ended).toEqual([]); // nothing was active when the end ran
    bng.letGo();
    const { id: signalementId, created } = await creating;
    expect(created).toBe(true);
    const queued = await t.store.db
      .selectFrom('outbox')
      .select(['kind', 'payload'])
      .where('key', '=', `end-signalement:${signalementId}`)
      .executeTakeFirstOrThrow();
    expect(queued.kind).toBe('end_signalement');
    expect(JSON.parse(queued.payload)).toEqual({ decisionId: id, reason: 'ended' });
    await t.ctx.outbox.runDue();
    expect(await signalementsOf(id)).toEqual([{ id: signalementId, status: 'ended' }]);
    expect(bng.ended).toMatchObject([{ signalementId, decisionId: id, reason: 'ended' }]);
    const decision = await t.store.db
      .selectFrom('decisions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(decision.status).toBe('ended'); // the late signalement did not move the status back
  });

  // The writers' lock held by another transaction; the end, done with its first read, and the
  // creation, done at the BNG, each wait for it, in the order given; waiters take it in turn.
  it.each([
    ['the end', 'the creation'],
    ['the creation', 'the end'],
  ])('%s, then %s, waiting for the writers: no flag is left', async (first) => {
    const id = await upload(`TAP-MONS-2026-SIG-${first === 'the end' ? 'END' : 'NEW'}-FIRST`);
    const bng = new GatedBng();
    runEndsThroughOutbox(bng);
    let locked!: () => void;
    const held = new Promise<void>((r) => (locked = r));
    let unlock!: () => void;
    const gate = new Promise<void>((r) => (unlock = r));
    const holder = transact(t.store.db, async () => {
      locked();
      await gate;
    });
    await held;
    const pause = () => new Promise((r) => setTimeout(r, 200));
    const end = () => endMeasure(t.ctx, bng, id, 'revoked', systemActor('iplus:end-measure'));
    const create = () => ensureSignalement(t.ctx, bng, id, systemActor('iplus:create-signalement'));
    let ending: Promise<void>;
    let creating: ReturnType<typeof create>;
    if (first === 'the end') {
      ending = end();
      await pause();
      creating = create();
    } else {
      creating = create();
      await pause();
      ending = end();
    }
    await pause();
    unlock();
    await holder;
    await ending;
    const { id: signalementId } = await creating;
    await t.ctx.outbox.runDue();
    expect(await signalementsOf(id)).toEqual([{ id: signalementId, status: 'ended' }]);
    expect(bng.ended).toMatchObject([{ signalementId, reason: 'revoked' }]);
  });

  it('a redelivered end, and the queued end run twice, change nothing more', async () => {
    const id = await upload('TAP-MONS-2026-SIG-TWICE');
    const bng = new GatedBng();
    const { id: signalementId } = await ensureSignalement(t.ctx, bng, id, systemActor('test'));
    await endMeasure(t.ctx, bng, id, 'ended', systemActor('iplus:end-measure'));
    await endMeasure(t.ctx, bng, id, 'ended', systemActor('iplus:end-measure'));
    expect(await endActiveSignalement(t.ctx, bng, id, 'ended')).toBe(false);
    expect(bng.ended).toHaveLength(1);
    expect(await signalementsOf(id)).toEqual([{ id: signalementId, status: 'ended' }]);
    const events = await t.store.db
      .selectFrom('decision_events')
      .select('event')
      .where('decision_id', '=', id)
      .where('event', '=', 'signalement_ended')
      .execute();
    expect(events).toHaveLength(1);
  });
});
