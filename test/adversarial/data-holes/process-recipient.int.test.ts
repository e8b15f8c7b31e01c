import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually } from '../../../platform/src/__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../../../platform/src/__fixtures__/sample-decision';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';

const MODEL = path.resolve(__dirname, '..', '..', '..', 'bpmn', 'conditional-release.bpmn');

// Issue 12, "The process decides who receives personal data": an analyst deployed a version of
// conditional-release whose Issue Mandate task names another recipient, and the next mandate (with
// the person's data) went there. The worker now checks the name against the platform's routing.
describe('the mandate worker issues only to the recipient the routing names', () => {
  jest.setTimeout(120_000);
  let a: AdversarialPlatform;

  beforeAll(async () => {
    a = await startAdversarialPlatform();
  });
  afterAll(async () => {
    await a?.close();
  });

  it('turns a process-chosen recipient into an incident naming the mismatch, and issues nothing to it', async () => {
    const gent = await a.send('admin', {
      method: 'GET',
      path: '/api/routing/preview?nis=44021&measure=conditional_release',
    });
    const gentZone = (gent.json as { policeZoneId: string }).policeZoneId;
    const original = fs.readFileSync(MODEL, 'utf8');
    const redirected = original.replace(
      'source="=recipient.agencyId" target="recipientId"',
      `source="=if recipient.kind = &#34;police_check&#34; then &#34;${gentZone}&#34; else recipient.agencyId" target="recipientId"`,
    );
    expect(redirected).not.toBe(original);
    const deployed = await a.send('analyst', {
      method: 'POST',
      path: '/api/models',
      body: { fileName: 'conditional-release.bpmn', xml: redirected },
    });
    expect(deployed.status).toBe(201);

    const upload = await a.send('clerk.mons', {
      method: 'POST',
      path: '/api/decisions',
      body: jsonUpload(cominesDecision('TAP-MONS-2026-000912')),
    });
    expect(upload.status).toBe(201);
    const decisionId = (upload.json as { id: string }).id;

    const incident = await eventually(
      async () => {
        const res = await a.send('admin', {
          method: 'POST',
          path: '/api/operations/v2/incidents/search',
          body: { filter: { state: 'ACTIVE' } },
        });
        const items = (res.json as { items?: Array<{ errorMessage: string }> }).items ?? [];
        return items.find((i) => i.errorMessage.includes(decisionId));
      },
      30_000,
      'an incident for the redirected mandate',
    );
    expect(incident.errorMessage).toContain('recipient mismatch');
    expect(incident.errorMessage).toContain(gentZone);
    expect(incident.errorMessage).toMatch(/routing of BE-WHT names PZ-\d+/);

    // Nothing reached the Gent zone; the guidance mandate (its recipient unchanged) went out.
    expect(
      a.query('SELECT id FROM mandates WHERE decision_id = ? AND recipient_id = ?', decisionId, gentZone),
    ).toEqual([]);
    const inbox = await a.send('agent.gent', { method: 'GET', path: '/api/mandates' });
    expect(JSON.stringify(inbox.json)).not.toContain(decisionId);
    await eventually(
      async () =>
        a.query<{ kind: string }>('SELECT kind FROM mandates WHERE decision_id = ?', decisionId).length > 0
          ? true
          : undefined,
      30_000,
      'the guidance mandate',
    );
    expect(a.query<{ kind: string }>('SELECT kind FROM mandates WHERE decision_id = ?', decisionId)).toEqual([
      { kind: 'guidance' },
    ]);
    const denied = a.query<{ outcome: string; justification: string }>(
      "SELECT outcome, justification FROM audit_log WHERE action = 'mandate.issue' AND object = ?",
      decisionId,
    );
    expect(denied).toEqual([
      { outcome: 'denied', justification: expect.stringContaining(gentZone) as string },
    ]);
  });
});
