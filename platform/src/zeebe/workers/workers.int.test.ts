import * as path from 'node:path';
import { startEngineProcess, eventually, type EngineProcess } from '../../__fixtures__/engine-process';
import { cominesDecision, gentDecision, jsonUpload } from '../../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../__fixtures__/test-platform';

interface Decision {
  id: string;
  status: string;
  processInstanceKey: string | null;
  signalement: { id: string; register: string; person: unknown; conditions: unknown } | null;
  input: { person: unknown; conditions: unknown };
  mandates: Array<{ id: string; kind: string; recipientId: string }>;
  routing: { policeZoneId: string | null } | null;
  timeline: Array<{ event: string }>;
}

const { person } = cominesDecision();

// The job workers on the real engine, driven by a scenario model (scenario/conditional-release.bpmn:
// routing by script, no multi-instance) so they are tested on their own.
describe('job workers with the real engine', () => {
  jest.setTimeout(90_000);
  let engine: EngineProcess;
  let t: TestPlatform;

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      modelsDir: path.join(__dirname, 'scenario'),
    });
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      40_000,
      'ready',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  it('a live region: the signalement and one mandate per recipient, once each', async () => {
    const up = await t.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(
        cominesDecision('TAP-MONS-2026-WORKERS', {
          person: { ...person, domicile: { ...person.domicile, box: '2B' } },
        }),
      ),
    );
    expect(up.status).toBe(201);
    expect(up.body.processInstanceKey).toMatch(/^\d+$/);
    const d = await eventually(
      async () => {
        const r = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.signalement && r.body.mandates.length === 2 ? r.body : undefined;
      },
      10_000,
      'signalement and mandates',
    );
    expect(d.status).toBe('routed');
    expect(d.signalement!.register).toBe('iplus-register');
    expect(d.mandates.map((m) => `${m.kind}:${m.recipientId}`).sort()).toEqual([
      'guidance:MJ-TOURNAI',
      'police_check:PZ-5318',
    ]);
    expect(d.routing!.policeZoneId).toBe('PZ-5318');
    expect(d.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['uploaded', 'routed', 'signalement_created', 'mandate_issued']),
    );
    const policeId = d.mandates.find((m) => m.kind === 'police_check')!.id;
    const police = await t.as<{ items: Array<{ id: string; person: unknown; conditions: unknown }> }>(
      'agent.comines',
      'GET',
      '/api/mandates',
    );
    expect(police.body.items.map((m) => m.id)).toContain(policeId);
    // The views that repeat the decision's person and conditions (typed in their schemas) leave out
    // nothing the decision holds: every optional field of cominesDecision is set.
    const whole = { person: d.input.person, conditions: d.input.conditions };
    expect(whole.conditions).toMatchObject({
      particular: [expect.objectContaining({ text: expect.any(String) })],
    });
    const listed = police.body.items.find((m) => m.id === policeId)!;
    expect({ person: listed.person, conditions: listed.conditions }).toEqual(whole);
    const one = await t.as<{ person: unknown; conditions: unknown }>(
      'agent.comines',
      'GET',
      `/api/mandates/${policeId}`,
    );
    expect({ person: one.body.person, conditions: one.body.conditions }).toEqual(whole);
    expect({ person: d.signalement!.person, conditions: d.signalement!.conditions }).toEqual(whole);
  });

  it('a region not live takes the old channel: the coordinator is told, nothing is issued', async () => {
    const up = await t.as<Decision>(
      'clerk.gent',
      'POST',
      '/api/decisions',
      jsonUpload(gentDecision('SURB-GENT-2026-WORKERS')),
    );
    expect(up.status).toBe(201);
    const d = await eventually(
      async () => {
        const r = await t.as<Decision>('clerk.gent', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.status === 'old_channel' ? r.body : undefined;
      },
      10_000,
      'old channel',
    );
    expect(d.signalement).toBeNull();
    expect(d.mandates).toEqual([]);
    const n = await t.as<{ items: Array<{ kind: string; decisionId: string; agencyId: string }> }>(
      'coord.oost-vlaanderen',
      'GET',
      '/api/notifications?kind=old_channel',
    );
    expect(n.body.items).toEqual([
      expect.objectContaining({ decisionId: up.body.id, agencyId: 'COORD-BE-VOV' }),
    ]);
  });

  it('a municipality without a known police zone goes to the coordinator for manual assignment', async () => {
    // The scenario routes only 57097 to a zone; another Hainaut municipality gets none.
    const decision = cominesDecision('TAP-MONS-2026-MANUAL');
    decision.person = {
      ...decision.person,
      domicile: { street: 'Grand-Place', number: '1', box: '', postalCode: '7500', municipalityNis: '57081' },
    };
    const up = await t.as<Decision>('clerk.mons', 'POST', '/api/decisions', jsonUpload(decision));
    expect(up.status).toBe(201);
    const d = await eventually(
      async () => {
        const r = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.mandates.length === 2 ? r.body : undefined;
      },
      10_000,
      'mandates',
    );
    expect(d.status).toBe('manual_assignment');
    const manual = d.mandates.find((m) => m.kind === 'police_check')!;
    expect(manual.recipientId).toBe('COORD-BE-WHT');
    const n = await t.as<{ items: Array<{ id: string; mandateId: string }> }>(
      'coord.hainaut',
      'GET',
      '/api/notifications?kind=manual_assignment',
    );
    const note = n.body.items.find((x) => x.mandateId === manual.id)!;
    const handled = await t.as('coord.hainaut', 'POST', `/api/notifications/${note.id}/handle`, {
      recipientId: 'PZ-5317',
    });
    expect(handled.status).toBe(200);
    const after = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
    expect(after.body.status).toBe('routed');
    expect(after.body.mandates.find((m) => m.id === manual.id)!.recipientId).toBe('PZ-5317');
  });
});
