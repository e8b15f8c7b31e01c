import { ManualClock } from '../../engine/src/clock/manual-clock';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { TEST_CLIENT } from '../../engine/src/test-support/test-credentials';
import { cominesDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../../platform/src/__fixtures__/test-platform';

interface Mandate {
  id: string;
  kind: string;
  recipientId: string;
  status: string;
  deadline: string;
  issuedAt: string;
}
interface Decision {
  id: string;
  status: string;
  signalement: { id: string; status: string } | null;
  mandates: Mandate[];
  timeline: Array<{ event: string; mandateId?: string }>;
  measurePeriod: { end: string | null; awaitingRelease: boolean; releasedAt: string | null };
}
interface Notification {
  kind: string;
  agencyId: string;
  mandateId?: string;
  decisionId: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

// The case's life (issue 15) through the real API and the real engine (in this process, on a clock
// the test moves; the platform reads the same clock). The whole file moves the clock about 20 days:
// less than the 30 days a demo token lives. Report deadlines and the guidance period are set short
// through the platform's configuration (IPLUS_REPORT_DEADLINES, IPLUS_GUIDANCE_REPORT_PERIODS).
describe('the case from release to the end of the measure', () => {
  jest.setTimeout(180_000);
  let engine: TestEngine;
  let t: TestPlatform;
  let n = 0;

  beforeAll(async () => {
    engine = await startTestEngine({ clock: new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0)) });
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: {
        credentials: { kind: 'basic', username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret },
      },
      clock: { now: () => new Date(engine.clock.now()) },
      chase: {
        reminderCycle: 'R/PT24H',
        reportDeadlines: { police_check: 'P3D', guidance: 'P5D', monitoring: 'P3D' },
        guidanceReportPeriods: { default: 'P7D' },
      },
    });
    await eventually(
      async () => {
        const h = (await (await fetch(`${t.url}/health`)).json()) as {
          parts: { routing: { status: string }; models: { status: string }; workers: { status: string } };
        };
        return h.parts.routing.status === 'up' &&
          h.parts.models.status === 'up' &&
          h.parts.workers.status === 'up'
          ? true
          : undefined;
      },
      60_000,
      'platform ready',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.close();
  });

  const day = (offsetDays: number) =>
    new Date(engine.clock.now() + offsetDays * DAY).toISOString().slice(0, 10);
  const decision = async (id: string) =>
    (await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`)).body;
  const until = <T>(what: string, check: () => Promise<T | undefined>) => eventually(check, 30_000, what);
  const upload = async (overrides: Record<string, unknown> = {}) => {
    const r = await t.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision(`TAP-MONS-2026-LIFE-${++n}`, overrides)),
    );
    expect(r.status).toBe(201);
    return r.body.id;
  };
  const routed = (id: string, mandates = 2) =>
    until(`decision ${id} routed`, async () => {
      const d = await decision(id);
      return d.signalement && d.mandates.filter((m) => m.status !== 'closed').length === mandates
        ? d
        : undefined;
    });
  /** Waits until the follow-up of a mandate (process mandate-follow-up) is at an element. */
  const followUpAt = (mandateId: string, elementId: string) =>
    until(`${mandateId} at ${elementId}`, async () => {
      const rows = engine.query(
        "SELECT process_instance_key AS k FROM variable WHERE name = 'mandateId' AND value = ? AND scope_key = process_instance_key",
        JSON.stringify(mandateId),
      ) as Array<{ k: number }>;
      return rows.some((r) => engine.path(String(r.k), 'ACTIVATED').includes(elementId)) ? true : undefined;
    });
  const notifications = async (user: string, kind: string) =>
    (await t.as<{ items: Notification[] }>(user, 'GET', `/api/notifications?kind=${kind}&limit=100`)).body
      .items;
  const notified = (user: string, kind: string, match: (x: Notification) => boolean) =>
    until(`${kind} for ${user}`, async () => (await notifications(user, kind)).find(match));

  it('ends the measure on its last day: signalement ended, mandates closed, recipients told', async () => {
    const id = await upload({ measureEnd: day(2) });
    const d = await routed(id);
    expect(d.measurePeriod.end).toBe(`${day(3)}T00:00:00.000Z`);
    engine.clock.advance(3 * DAY);
    const ended = await until('measure ended', async () => {
      const x = await decision(id);
      return x.status === 'ended' ? x : undefined;
    });
    expect(ended.signalement!.status).toBe('ended');
    expect(ended.mandates.map((m) => m.status)).toEqual(['closed', 'closed']);
    expect(ended.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['signalement_ended', 'measure_ended', 'mandate_closed']),
    );
    const police = d.mandates.find((m) => m.kind === 'police_check')!;
    const guidance = d.mandates.find((m) => m.kind === 'guidance')!;
    await notified('agent.comines', 'measure_ended', (x) => x.mandateId === police.id);
    await notified('assistant.tournai', 'measure_ended', (x) => x.mandateId === guidance.id);
    // nothing can be asked of a closed mandate
    const late = await t.as('agent.comines', 'POST', `/api/mandates/${police.id}/report`, {
      outcome: 'address_verified',
    });
    expect(late.status).toBe(409);
    expect(
      (await t.as('clerk.mons', 'POST', `/api/decisions/${id}/revocation`, { reason: 'x' })).status,
    ).toBe(409);
  });

  it('revokes: the police zone is told at once, then everything ends; only the parquet may revoke', async () => {
    const id = await upload({ measureEnd: day(60) });
    const d = await routed(id);
    const police = d.mandates.find((m) => m.kind === 'police_check')!;
    const denied = await t.as('agent.comines', 'POST', `/api/decisions/${id}/revocation`, { reason: 'x' });
    expect(denied.status).toBe(403);
    const bad = await t.as('clerk.mons', 'POST', `/api/decisions/${id}/revocation`, {});
    expect(bad.status).toBe(400);
    const r = await t.as<Decision>('clerk.mons', 'POST', `/api/decisions/${id}/revocation`, {
      reason: 'new offence, arrest warrant',
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('revoked');
    // told in the same transaction as the revocation
    expect((await notifications('agent.comines', 'measure_revoked')).map((x) => x.mandateId)).toContain(
      police.id,
    );
    const over = await until('signalement ended', async () => {
      const x = await decision(id);
      return x.signalement?.status === 'ended' && x.mandates.every((m) => m.status === 'closed')
        ? x
        : undefined;
    });
    expect(over.status).toBe('revoked');
    await notified('assistant.tournai', 'measure_revoked', (x) => x.decisionId === id);
  });

  it('revises the conditions: the signalement is updated and every recipient told', async () => {
    const id = await upload({ measureEnd: day(60) });
    await routed(id);
    const empty = await t.as('clerk.mons', 'POST', `/api/decisions/${id}/revision`, {});
    expect(empty.status).toBe(400);
    const conditions = {
      general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
      particular: [{ type: 'obligation', category: 'treatment', text: 'follow an alcohol treatment' }],
    };
    const r = await t.as<Decision & { input: { conditions: unknown } }>(
      'clerk.mons',
      'POST',
      `/api/decisions/${id}/revision`,
      { conditions, reason: 'hearing of 1 December' },
    );
    expect(r.status).toBe(200);
    expect(r.body.input.conditions).toEqual(conditions);
    await notified('agent.comines', 'measure_revised', (x) => x.decisionId === id);
    await notified('assistant.tournai', 'measure_revised', (x) => x.decisionId === id);
    const after = await until('signalement updated', async () => {
      const x = await decision(id);
      return x.timeline.some((e) => e.event === 'signalement_updated') ? x : undefined;
    });
    expect(after.status).toBe('routed');
  });

  it('a move within Hainaut re-routes: old mandates closed and told, new ones to the new zone and house', async () => {
    const id = await upload({ measureEnd: day(60) });
    const d = await routed(id);
    const stranger = await t.as('agent.gent', 'POST', `/api/decisions/${id}/moves`, {
      domicile: { street: 'Grand-Place', number: '1', postalCode: '7000', municipalityNis: '53053' },
    });
    expect(stranger.status).toBe(403);
    const r = await t.as<{ moveId: string }>('agent.comines', 'POST', `/api/decisions/${id}/moves`, {
      domicile: { street: 'Grand-Place', number: '1', postalCode: '7000', municipalityNis: '53053' },
      note: 'found at the new address',
    });
    expect(r.status).toBe(202);
    expect(r.body.moveId).toMatch(/^MOV-/);
    const moved = await until('re-routed', async () => {
      const x = await decision(id);
      return x.mandates.length === 4 ? x : undefined;
    });
    const old = moved.mandates.filter((m) => d.mandates.some((o) => o.id === m.id));
    const fresh = moved.mandates.filter((m) => !d.mandates.some((o) => o.id === m.id));
    expect(old.map((m) => m.status)).toEqual(['closed', 'closed']);
    expect(fresh.map((m) => [m.kind, m.status])).toEqual(
      expect.arrayContaining([
        ['police_check', 'issued'],
        ['guidance', 'issued'],
      ]),
    );
    expect(fresh.find((m) => m.kind === 'police_check')!.recipientId).not.toBe('PZ-5318');
    expect(fresh.find((m) => m.kind === 'guidance')!.recipientId).not.toBe('MJ-TOURNAI');
    await notified('agent.comines', 'mandate_closed', (x) => x.decisionId === id);
    expect(moved.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['domicile_moved', 'rerouted', 'signalement_updated']),
    );
  });

  it('a move recorded right after the upload: one open mandate per kind at the new domicile, no incident', async () => {
    // Whether the process's issue jobs or the move's re-routing run first is left to the machine here
    // (test/lifecycle/move-before-first-issue.int.test.ts fixes each order); every order ends the same.
    const id = await upload({ measureEnd: day(60) });
    const r = await t.as('clerk.mons', 'POST', `/api/decisions/${id}/moves`, {
      domicile: { street: 'Grand-Place', number: '1', postalCode: '7000', municipalityNis: '53053' },
    });
    expect(r.status).toBe(200);
    const moved = await until('re-routed', async () => {
      const x = await decision(id);
      const open = x.mandates.filter((m) => m.status !== 'closed');
      return x.timeline.some((e) => e.event === 'rerouted') && open.length === 2 ? x : undefined;
    });
    const open = moved.mandates.filter((m) => m.status !== 'closed');
    expect(open.map((m) => `${m.kind}:${m.recipientId}`).sort()).toEqual([
      'guidance:MJ-MONS',
      'police_check:PZ-5324',
    ]);
    const key = (await t.as<{ processInstanceKey: string }>('clerk.mons', 'GET', `/api/decisions/${id}`)).body
      .processInstanceKey;
    await until('both mandates of the first routing settled', async () =>
      engine.path(key).filter((e) => e === 'IssueMandate').length === 2 ? true : undefined,
    );
    expect(engine.query('SELECT key FROM incident WHERE process_instance_key = ?', Number(key))).toEqual([]);
    expect((await decision(id)).mandates.filter((m) => m.status !== 'closed')).toEqual(open);
  });

  it('a move to a region that is not live: the new part goes to the old channel, nothing is issued', async () => {
    const id = await upload({ measureEnd: day(60) });
    const d = await routed(id);
    const r = await t.as<Decision>('clerk.mons', 'POST', `/api/decisions/${id}/moves`, {
      domicile: { street: 'Meir', number: '10', postalCode: '2000', municipalityNis: '11002' },
    });
    expect(r.status).toBe(200);
    const coordinator = await notified('admin', 'old_channel', (x) => x.decisionId === id);
    expect(coordinator.agencyId).toBe('COORD-BE-VAN');
    const after = await decision(id);
    expect(after.mandates).toHaveLength(d.mandates.length);
    expect(after.mandates.every((m) => m.status === 'closed')).toBe(true);
  });

  it("a prison's release announcement: the mandates and their deadlines count from the release", async () => {
    const id = await upload({ measureDuration: 'P365D', awaitingRelease: true });
    const waiting = await decision(id);
    expect(waiting.status).toBe('awaiting_release');
    expect(waiting.measurePeriod).toMatchObject({ awaitingRelease: true, end: null });
    engine.clock.advance(2 * DAY);
    expect((await decision(id)).mandates).toEqual([]); // nothing issued before the release
    const releasedAt = new Date(engine.clock.now() - HOUR).toISOString();
    const clerk = await t.as('clerk.mons', 'POST', `/api/decisions/${id}/release`, { releasedAt });
    expect(clerk.status).toBe(403);
    const r = await t.as<Decision>('officer.tournai', 'POST', `/api/decisions/${id}/release`, { releasedAt });
    expect(r.status).toBe(200);
    expect(r.body.measurePeriod.releasedAt).toBe(releasedAt);
    expect(r.body.measurePeriod.end).toBe(new Date(Date.parse(releasedAt) + 365 * DAY).toISOString());
    const d = await routed(id);
    for (const m of d.mandates) {
      expect(Date.parse(m.deadline)).toBe(engine.clock.now() + DAY); // issued now, 24 h from the release
    }
    expect(
      (await t.as('officer.tournai', 'POST', `/api/decisions/${id}/release`, { releasedAt })).status,
    ).toBe(409);
    await notified('clerk.mons', 'release_announced', (x) => x.decisionId === id);
  });

  it('chases: escalation, then a reminder every 24 hours on the timeline; a missed report deadline; periodic guidance reports', async () => {
    const id = await upload({ measureEnd: day(60) });
    const d = await routed(id);
    const police = d.mandates.find((m) => m.kind === 'police_check')!;
    const guidance = d.mandates.find((m) => m.kind === 'guidance')!;
    // the justice house acknowledges and reports at once; the police zone does nothing
    await t.as('assistant.tournai', 'POST', `/api/mandates/${guidance.id}/acknowledge`, {});
    expect(
      (
        await t.as('assistant.tournai', 'POST', `/api/mandates/${guidance.id}/report`, {
          outcome: 'guidance_started',
        })
      ).status,
    ).toBe(200);
    await followUpAt(guidance.id, 'NextReportDue');
    engine.clock.advance(DAY + 1000);
    await notified('coord.hainaut', 'escalation', (x) => x.mandateId === police.id);
    for (let k = 1; k <= 2; k++) {
      engine.clock.advance(DAY);
      await until(`reminder ${k}`, async () => {
        const all = (await notifications('agent.comines', 'reminder')).filter(
          (x) => x.mandateId === police.id,
        );
        return all.length === k ? all : undefined;
      });
    }
    const timeline = (await decision(id)).timeline.filter((e) => e.event === 'mandate_reminded');
    expect(timeline).toHaveLength(2);
    // acknowledged, but no report within its 3 days: the parquet is told
    await t.as('agent.comines', 'POST', `/api/mandates/${police.id}/acknowledge`, {});
    await followUpAt(police.id, 'MandateReported');
    engine.clock.advance(3 * DAY + 1000);
    await notified('clerk.mons', 'report_overdue', (x) => x.mandateId === police.id);
    // reminders stopped with the acknowledgement
    engine.clock.advance(DAY);
    expect(
      (await notifications('agent.comines', 'reminder')).filter((x) => x.mandateId === police.id),
    ).toHaveLength(2);
    // guidance: 7 days after its report the next one is due (2 + 3 + 1 days have passed: 1 more)
    engine.clock.advance(DAY + 1000);
    await notified('assistant.tournai', 'report_due', (x) => x.mandateId === guidance.id);
    const due = await until('guidance waits for its next report', async () => {
      const m = (await decision(id)).mandates.find((x) => x.id === guidance.id)!;
      return m.status === 'acknowledged' ? m : undefined;
    });
    expect(due.status).toBe('acknowledged');
    const second = await t.as<{ status: string }>(
      'assistant.tournai',
      'POST',
      `/api/mandates/${guidance.id}/report`,
      {
        outcome: 'guidance_started',
        text: 'second quarter',
      },
    );
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('reported');
    const reports = (await decision(id)).timeline.filter(
      (e) => e.event === 'mandate_reported' && e.mandateId === guidance.id,
    );
    expect(reports).toHaveLength(2);
  });
});
