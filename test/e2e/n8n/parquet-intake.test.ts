/**
 * The n8n nodes end to end, in a real n8n 2.41.1 (Node 24) with this package installed as a
 * community package, against the real iplus platform (engine included):
 * - workflow 1 (parquet intake): a decision posted to its webhook is uploaded and routed; each of its
 *   mandates is followed in an execution of its own by Await Acknowledgement;
 * - workflow 2 (a police zone's mandates) acknowledges the police zone's mandate in the platform,
 *   which resumes that execution through Acknowledged; the justice house's mandate, not acknowledged,
 *   ends on Timed Out after the short timeout set for the test, and the coordinator is reminded;
 * - workflow 3 (manual signalement) creates the BNG signalement of the decision from its form.
 * The Timed Out check comes last: n8n looks for expired waits once a minute, and the other tests run
 * meanwhile. The setup prints each step with its duration ([n8n e2e] lines).
 */
import fs from 'node:fs';

import { cominesDecision, jsonUpload, samplePdf } from '../../../platform/src/__fixtures__/sample-decision';
import { freePort } from './free-port';
import {
  installPackage,
  loadedNodeTypes,
  newUserFolder,
  ownerSession,
  packPackage,
  startN8n,
  type N8n,
  type OwnerSession,
} from './n8n-process';
import {
  CREDENTIALS,
  finishedExecutions,
  importCredentials,
  importWorkflows,
  publishWorkflows,
  waitingExecutions,
  webhooksRegistered,
  WORKFLOWS,
} from './n8n-setup';
import { ensureN8nTools } from './n8n-tools';
import { startPlatform, type Platform } from './platform-process';
import { step } from './progress';
import { startTeamReceiver } from './team-receiver';

/**
 * Production webhooks of the four workflows: the intake, the zone's check, the form (GET and POST),
 * and the case changes (revise, revoke, move, release).
 */
const WEBHOOKS = 8;

/** Time a recipient has in the test: 0.004 hours = 14.4 s (n8n looks for expired waits once a minute). */
const ACKNOWLEDGE_WITHIN_HOURS = 0.004;

type NodeType = { name: string; credentials?: unknown[]; usableAsTool?: boolean; outputNames?: string[] };
type Mandate = { id: string; kind: string; recipientId: string; status: string };
type Decision = {
  id: string;
  status: string;
  processInstanceKey: string;
  mandates: Mandate[];
  measurePeriod?: { end: string | null; releasedAt: string | null };
};

describe('iplus nodes in a real n8n', () => {
  let platform: Platform | undefined;
  let n8n: N8n | undefined;
  let userFolder: string | undefined;
  let team: Awaited<ReturnType<typeof startTeamReceiver>>;
  let decision: Decision;
  let nodeTypes: NodeType[];
  let session: OwnerSession;
  let platformStarting: Promise<Platform> | undefined;

  beforeAll(async () => {
    const tools = await step('n8n tools (install-n8n.sh; a cold cache takes minutes)', ensureN8nTools);
    process.stdout.write(`[n8n e2e] n8n tools: install took ${tools.installSeconds} s\n`);
    team = await startTeamReceiver();
    // The platform starts while the package is packed and the workflows imported: its port is chosen
    // first, so that the workflows' Settings can name it.
    const platformPort = await freePort();
    platformStarting = step('iplus platform start', () =>
      startPlatform({ IPLUS_HTTP_PORT: String(platformPort) }),
    );
    platformStarting.catch(() => undefined); // awaited below, or by afterAll when the setup fails first
    userFolder = newUserFolder();
    // n8n's CLI imports the workflows while the package is built and packed; the package goes into the
    // user folder afterwards, so that no n8n process sees it half installed.
    const [tarball] = await Promise.all([
      step('package built and packed', () => packPackage(userFolder!)),
      step('workflows imported (n8n import:workflow)', () =>
        importWorkflows(userFolder!, {
          teamWebhookUrl: team.url,
          acknowledgeWithinHours: ACKNOWLEDGE_WITHIN_HOURS,
          iplusBaseUrl: `http://127.0.0.1:${platformPort}`,
        }),
      ),
    ]);
    await step('package installed as a community package', () => installPackage(userFolder!, tarball));
    platform = await platformStarting;
    await step('credentials imported (n8n import:credentials)', () =>
      importCredentials(userFolder!, platform!.url, {
        parquet: platform!.token('clerk.mons'),
        zone: platform!.token('agent.comines'),
        prison: platform!.token('officer.tournai'),
      }),
    );
    n8n = await step('n8n start', () => startN8n(userFolder!));
    session = await ownerSession(n8n.url);
    nodeTypes = await loadedNodeTypes<NodeType>(session);
    await step('workflows published', async () => {
      await publishWorkflows(session);
      await webhooksRegistered(userFolder!, WEBHOOKS, 60_000);
    });
  }, 45 * 60_000); // includes a cold install of the n8n tools (see ensureN8nTools)

  afterAll(async () => {
    await n8n?.stop();
    // Still starting when the setup failed early: wait for it, to stop it.
    await (platform ?? (await platformStarting?.catch(() => undefined)))?.stop();
    await team?.close();
    if (userFolder && !process.env.KEEP_N8N_E2E) fs.rmSync(userFolder, { recursive: true, force: true });
  }, 120_000);

  it('loads the five nodes and the credential from the community package', async () => {
    const iplus = nodeTypes.filter((t) => t.name.startsWith('n8n-nodes-iplus.') && !t.name.endsWith('Tool'));
    const tools = nodeTypes.filter((t) => t.name.startsWith('n8n-nodes-iplus.') && t.name.endsWith('Tool'));
    expect(tools.map((t) => t.name.replace(/Tool$/, '')).sort()).toEqual(iplus.map((t) => t.name).sort());
    expect(iplus.map((t) => t.name).sort()).toEqual([
      'n8n-nodes-iplus.awaitAcknowledgement',
      'n8n-nodes-iplus.createBngSignalement',
      'n8n-nodes-iplus.decisionLifecycle',
      'n8n-nodes-iplus.issueMandate',
      'n8n-nodes-iplus.uploadDecision',
    ]);
    for (const type of iplus) {
      expect(type.credentials).toEqual([{ name: 'iplusApi', required: true }]);
      expect(type.usableAsTool).toBe(true);
    }
    expect(iplus.find((t) => t.name.endsWith('awaitAcknowledgement'))!.outputNames).toEqual([
      'Acknowledged',
      'Timed Out',
    ]);
    expect(n8n!.server.log()).not.toMatch(/Failed to load|error.*n8n-nodes-iplus/i);
  });

  it("tests the Iplus API credential with GET /api/whoami, as n8n's Test button does", async () => {
    // The editor tests a saved credential: its id, with the values in the form (n8n 2.41 requires the id,
    // and answers 403 for one the user cannot read). The base URL is typed with a trailing slash.
    const test = async (apiToken: string) => {
      const response = await session.post('/rest/credentials/test', {
        credentials: {
          id: CREDENTIALS.parquet,
          name: 'iplus: parquet of Mons-Tournai',
          type: 'iplusApi',
          data: { baseUrl: `${platform!.url}/`, apiToken },
        },
      });
      const text = await response.text();
      expect({ status: response.status, text }).toEqual({ status: 200, text: expect.any(String) });
      return (JSON.parse(text) as { data: { status: string; message: string } }).data;
    };

    expect(await test(platform!.token('clerk.mons'))).toEqual(expect.objectContaining({ status: 'OK' }));
    expect(await test('iplus_not_a_token')).toEqual(expect.objectContaining({ status: 'Error' }));
  });

  it('workflow 1 uploads a posted decision and answers with its routed mandates', async () => {
    const form = new FormData();
    form.append('decision', JSON.stringify(cominesDecision(`TAP-MONS-2026-N8N-${Date.now()}`)));
    form.append('document', new Blob([samplePdf()], { type: 'application/pdf' }), 'decision.pdf');

    const response = await fetch(`${n8n!.url}/webhook/iplus-parquet-intake`, { method: 'POST', body: form });
    const text = await response.text();

    expect({ status: response.status, text }).toEqual({ status: 201, text: expect.any(String) });
    decision = JSON.parse(text) as Decision;
    expect(decision.id).toMatch(/^D-/);
    expect(decision.processInstanceKey).toMatch(/^\d+$/);
    expect(decision.status).toBe('routed');
    expect(decision.mandates.map((m) => [m.kind, m.recipientId]).sort()).toEqual([
      ['guidance', 'MJ-TOURNAI'],
      ['police_check', 'PZ-5318'],
    ]);
  });

  it('waits for each mandate in an execution of its own', async () => {
    const deadline = Date.now() + 60_000;
    while (waitingExecutions(userFolder!) < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(waitingExecutions(userFolder!)).toBe(2);
    expect(team.messages).toEqual([]);
  });

  it('resumes on Acknowledged when the police zone acknowledges its mandate in the platform (workflow 2)', async () => {
    const police = decision.mandates.find((m) => m.kind === 'police_check')!;

    const response = await fetch(`${n8n!.url}/webhook/iplus-zone-5318-check`, { method: 'POST' });
    expect(response.status).toBe(200);

    const message = await team.waitFor((m) => m.mandateId === police.id, 30_000);
    expect(message).toEqual(expect.objectContaining({ outcome: 'acknowledged', recipientId: 'PZ-5318' }));
    const mandate = await fetch(`${platform!.url}/api/mandates/${police.id}`, {
      headers: { authorization: `Bearer ${platform!.token('clerk.mons')}` },
    }).then((r) => r.json() as Promise<Mandate>);
    expect(mandate.status).toBe('acknowledged');
  }, 60_000);

  it('workflow 3 creates the BNG signalement of the decision from its form', async () => {
    const form = new FormData();
    form.append('field-0', decision.id);

    const response = await fetch(`${n8n!.url}/form/iplus-manual-signalement`, { method: 'POST', body: form });

    expect(response.status).toBe(200);
    const [run] = await finishedExecutions(userFolder!, WORKFLOWS.manualSignalement, 1, 30_000);
    expect(run.status).toBe('success');
    const { signalement } = await fetch(`${platform!.url}/api/decisions/${decision.id}`, {
      headers: { authorization: `Bearer ${platform!.token('clerk.mons')}` },
    }).then((r) => r.json() as Promise<{ signalement: { id: string; register: string } | null }>);
    expect(signalement).toEqual(expect.objectContaining({ register: 'iplus-register' }));
    expect(run.output).toContain(signalement!.id);
  });

  it('workflow 4 revises, re-routes after a move and revokes for the parquet, and announces a release for the prison', async () => {
    const api = async (user: string, method: string, p: string, body?: unknown) => {
      const r = await fetch(`${platform!.url}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${platform!.token(user)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: (await r.json()) as Decision };
    };
    const until = async (what: string, test: (d: Decision) => boolean, id: string): Promise<Decision> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const d = (await api('clerk.mons', 'GET', `/api/decisions/${id}`)).body;
        if (test(d)) return d;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(d)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const change = async (path: string, body: unknown) => {
      const r = await fetch(`${n8n!.url}/webhook/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as Decision };
    };
    // A running measure of its own: workflow 1's decision keeps the mandates the other tests follow.
    const up = await api(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision(`TAP-MONS-2026-N8N-LIFE-${Date.now()}`, { measureEnd: '2027-12-31' })),
    );
    expect(up.status).toBe(201);
    const id = up.body.id;
    const routed = await until('routed', (d) => d.status === 'routed' && d.mandates.length === 2, id);

    const revised = await change('iplus-revise', {
      decisionId: id,
      measureEnd: '2028-06-30',
      reason: 'hearing',
    });
    expect(revised.status).toBe(200);
    expect(revised.body.measurePeriod?.end).toBe('2028-07-01T00:00:00.000Z');

    const moved = await change('iplus-move', {
      decisionId: id,
      domicile: { street: 'Grand-Place', number: '1', postalCode: '7000', municipalityNis: '53053' },
      note: 'moved to Mons',
    });
    expect(moved.status).toBe(200);
    const rerouted = await until('re-routed', (d) => d.mandates.length === 4, id);
    const fresh = rerouted.mandates.filter((m) => !routed.mandates.some((o) => o.id === m.id));
    expect(fresh.find((m) => m.kind === 'police_check')!.recipientId).not.toBe('PZ-5318');

    const revoked = await change('iplus-revoke', { decisionId: id, reason: 'arrested; revoked by the TAP' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');

    const detained = await api(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(
        cominesDecision(`TAP-MONS-2026-N8N-REL-${Date.now()}`, {
          measureDuration: 'P365D',
          awaitingRelease: true,
        }),
      ),
    );
    expect(detained.status).toBe(201);
    await until('awaiting release', (d) => d.status === 'awaiting_release', detained.body.id);
    const releasedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const released = await change('iplus-release', { decisionId: detained.body.id, releasedAt });
    expect(released.status).toBe(200);
    expect(released.body.measurePeriod?.releasedAt).toBe(releasedAt);
    const runs = await finishedExecutions(userFolder!, WORKFLOWS.caseChanges, 4, 30_000);
    expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
  }, 120_000);

  it("shows the platform's own words when a decision is refused, e.g. a national register number failing its check digits", async () => {
    const bad = cominesDecision(`TAP-MONS-2026-N8N-BAD-${Date.now()}`);
    (bad.person as { nrn: string }).nrn = '85.07.30-033.62';
    const form = new FormData();
    form.append('decision', JSON.stringify(bad));
    form.append('document', new Blob([samplePdf()], { type: 'application/pdf' }), 'decision.pdf');

    const response = await fetch(`${n8n!.url}/webhook/iplus-parquet-intake`, { method: 'POST', body: form });

    expect(response.status).toBe(422);
    const answer = (await response.json()) as { error: string; details: string };
    expect(answer.error).toMatch(/^national register number 85\.07\.30-033\.62 fails its check digits/);
    expect(answer.details).toContain('person.nrn');
  });

  it('ends on Timed Out, and reminds the coordinator, for the mandate nobody acknowledges', async () => {
    const guidance = decision.mandates.find((m) => m.kind === 'guidance')!;

    const message = await team.waitFor((m) => m.mandateId === guidance.id, 120_000);

    expect(message).toEqual(expect.objectContaining({ outcome: 'timed_out', recipientId: 'MJ-TOURNAI' }));
    expect(message.text).toContain('Reminder for the coordinator');
    expect(team.messages.filter((m) => m.outcome === 'acknowledged').map((m) => m.mandateId)).toEqual([
      decision.mandates.find((m) => m.kind === 'police_check')!.id,
    ]);
    expect(waitingExecutions(userFolder!)).toBe(0);
  }, 150_000);
});
