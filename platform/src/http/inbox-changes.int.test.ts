import { cominesDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

interface Changes {
  token: string;
  changed: boolean;
}

// GET /api/mandates/changes: a client waits for its inbox to change instead of reading it again and
// again (bench:platform's watchers; a police zone's screen).
describe('waiting for an inbox to change', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  let decisionId: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-CHANGES')),
    );
    decisionId = up.body.id;
  });
  afterAll(async () => t.close());

  const changes = (user: string, query: string) =>
    t.as<Changes>(user, 'GET', `/api/mandates/changes${query}`);

  it("answers the zone's waiting client when a mandate is issued to it, and not another agency's", async () => {
    const zone = await changes('agent.comines', '');
    expect(zone.status).toBe(200);
    expect(zone.body.changed).toBe(false);
    const house = await changes('assistant.tournai', '');
    const zoneWait = changes('agent.comines', `?since=${zone.body.token}&waitSeconds=20`);
    const houseWait = changes('assistant.tournai', `?since=${house.body.token}&waitSeconds=2`);
    const issued = await t.as<{ id: string }>('clerk.mons', 'POST', '/api/mandates', {
      decisionId,
      kind: 'police_check',
      recipientId: 'PZ-5318',
    });
    expect(issued.status).toBe(201);
    const woke = await zoneWait;
    expect(woke.status).toBe(200);
    expect(woke.body.changed).toBe(true);
    expect(woke.body.token).not.toBe(zone.body.token);
    expect((await houseWait).body).toEqual({ changed: false, token: house.body.token });
    // the zone then reads its inbox, where the mandate is
    const inbox = await t.as<{ items: Array<{ id: string }> }>(
      'agent.comines',
      'GET',
      '/api/mandates?status=issued',
    );
    expect(inbox.body.items.map((m) => m.id)).toContain(issued.body.id);
    // the new token waits again; the old one answers at once
    expect((await changes('agent.comines', `?since=${zone.body.token}&waitSeconds=20`)).body.changed).toBe(
      true,
    );
    expect((await changes('agent.comines', `?since=${woke.body.token}&waitSeconds=0`)).body.changed).toBe(
      false,
    );
  });

  it('refuses a wait too long, an unknown parameter, a role without an inbox (audited) and no credentials', async () => {
    const tooLong = await t.as<{ errors: Array<{ field: string }> }>(
      'agent.comines',
      'GET',
      '/api/mandates/changes?waitSeconds=26',
    );
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toMatch(/waitSeconds/);
    expect((await changes('agent.comines', '?wait=5')).status).toBe(400);
    const analyst = await changes('analyst', '');
    expect(analyst.status).toBe(403);
    const audit = await t.as<{ items: Array<{ user: string; action: string; outcome: string }> }>(
      'admin',
      'GET',
      '/api/audit?user=analyst',
      undefined,
      { 'x-justification': 'test: the denied wait is audited' },
    );
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'mandate.changes', outcome: 'denied' })]),
    );
    expect((await fetch(`${t.url}/api/mandates/changes`)).status).toBe(401);
  });
});

describe('a platform that stops', () => {
  jest.setTimeout(60_000);

  it('answers its waiting clients at once instead of holding its close for them', async () => {
    const t = await startTestPlatform();
    const { body } = await t.as<Changes>('agent.comines', 'GET', '/api/mandates/changes');
    const started = Date.now();
    const waiting = t.as<Changes>(
      'agent.comines',
      'GET',
      `/api/mandates/changes?since=${body.token}&waitSeconds=25`,
    );
    await new Promise((r) => setTimeout(r, 300));
    await t.close();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ changed: false, token: body.token });
    // a bound that catches a close held for the whole wait (25 s), not a speed check
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
