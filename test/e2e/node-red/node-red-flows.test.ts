/**
 * node-red-contrib-iplus end to end, in a real Node-RED (4.1 on Node 20, and 5 on Node 24) set up as
 * the package's README says (npm install of the packed package into a fresh user folder, a persistent
 * context store), with the package's example flows deployed through Node-RED's admin API, against the
 * real iplus platform (engine included):
 * - the parquet intake flow uploads a decision (answering it with its mandates, or with the platform's
 *   field errors), creates its BNG signalement, and holds one message per mandate in await
 *   acknowledgement until the mandate is acknowledged (output 1) or the timeout (output 2), across a
 *   restart of Node-RED;
 * - the police zone flow sends each new mandate of the zone once (mandate inbox), and acknowledges and
 *   reports through mandate action.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

import { cominesDecision, samplePdf } from '../../../platform/src/__fixtures__/sample-decision';
import { startPlatform, type Platform } from '../n8n/platform-process';
import {
  deployFlows,
  exampleFlows,
  newUserFolder,
  packPackage,
  startNodeRed,
  type FlowNode,
  type NodeRed,
  type NodeRedRuntime,
} from './node-red-process';
import { ensureNodeRedTools } from './node-red-tools';
import { openEditor } from './node-red-editor';
import { startTeamHook, type TeamEvent } from './team-hook';

/** How long await acknowledgement holds a message in the test (the examples say 24 hours). */
const TIMEOUT_SECONDS = 45;
/** How often the inbox polls in the test (the example says 30 s). */
const INBOX_SECONDS = 1;
/** The editor's user (settings.js adminAuth). */
const ADMIN = { user: 'admin', password: 'iplus-e2e-editor' };

type Mandate = { id: string; kind: string; recipientId: string; status: string };
type Decision = { id: string; status: string; mandates: Mandate[]; signalement: { id: string } | null };

const RUNTIMES: Array<[string, () => NodeRedRuntime]> = [
  [
    'Node-RED 4.1 on Node 20',
    () => ({
      label: 'Node-RED 4.1 on Node 20',
      node: process.execPath,
      redJs: path.join(ensureNodeRedTools().nodeRed4Dir, 'node_modules/node-red/red.js'),
    }),
  ],
  [
    'Node-RED 5 on Node 24',
    () => ({
      label: 'Node-RED 5 on Node 24',
      node: path.join(ensureNodeRedTools().node24Bin, 'node'),
      redJs: path.join(ensureNodeRedTools().nodeRed5Dir, 'node_modules/node-red/red.js'),
    }),
  ],
];

/** The runtime language of each Node-RED (settings.js `lang`), and words of its catalog the test expects. */
const WORDS: Record<
  string,
  { lang: string; help: string; decisionId: string; errors: string; notDeployed: RegExp; notPdf: RegExp }
> = {
  'Node-RED 4.1 on Node 20': {
    lang: 'en-US',
    help: 'Uploads a release decision and its PDF to iplus',
    decisionId: 'Decision ID',
    errors: 'A refusal of the platform stops the message',
    notDeployed: /^This iplus config is not deployed yet: deploy the flow/,
    notPdf: /^The file in msg\.document is not a PDF: upload the signed decision as a PDF file$/,
  },
  'Node-RED 5 on Node 24': {
    lang: 'fr',
    help: 'Dépose une décision de libération et son PDF dans iplus',
    decisionId: 'ID de décision',
    errors: 'Un refus de la plateforme arrête le message',
    notDeployed: /^Cette configuration iplus n'est pas encore déployée : déployez le flux/,
    notPdf: /^Le fichier dans msg\.document n'est pas un PDF : déposez la décision signée en PDF$/,
  },
};

jest.setTimeout(10 * 60_000);

let platform: Platform | undefined;
let team: Awaited<ReturnType<typeof startTeamHook>>;
let tarball: string;
let packDir: string;

beforeAll(async () => {
  ensureNodeRedTools();
  packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-node-red-pack-'));
  [platform, tarball, team] = await Promise.all([
    startPlatform({ IPLUS_CALLBACK_ALLOW: '127.0.0.1,localhost' }),
    packPackage(packDir),
    startTeamHook(),
  ]);
});

afterAll(async () => {
  await platform?.stop();
  await team?.close();
  if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
});

/** Calls the platform's API as a demo user. */
/**
 * Waits until the platform holds a callback for `mandateId`: the await node has registered its wait.
 * Stopping Node-RED before that would interrupt the registration (the wait is kept, the callback not),
 * which is not what these tests are about.
 */
async function callbackRegistered(dataDir: string, mandateId: string): Promise<void> {
  const db = new Database(path.join(dataDir, 'platform', 'platform.sqlite'), { readonly: true });
  try {
    const deadline = Date.now() + 30_000;
    const count = db.prepare('SELECT count(*) AS n FROM callbacks WHERE mandate_id = ?');
    while ((count.get(mandateId) as { n: number }).n === 0) {
      if (Date.now() > deadline) throw new Error(`no callback registered for ${mandateId} in 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    db.close();
  }
}

async function api<T>(user: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${platform!.url}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${platform!.token(user)}`,
      'x-justification': 'node-red e2e test',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe.each(RUNTIMES)('node-red-contrib-iplus in %s', (label, runtimeOf) => {
  const words = WORDS[label]!;
  const hookPath = `/${label.replace(/\W+/g, '-')}`;
  let nodeRed: NodeRed;
  let flows: Record<string, FlowNode[]>;
  let first: Decision;
  let second: Decision;
  const mine = (e: TeamEvent): boolean => e.path === hookPath;

  beforeAll(async () => {
    // The password hash as `node-red admin hash-pw` makes it (bcrypt, from Node-RED's own bcryptjs).
    const bcrypt = createRequire(__filename)(
      path.join(ensureNodeRedTools().nodeRed4Dir, 'node_modules/bcryptjs'),
    ) as {
      hashSync(password: string, rounds: number): string;
    };
    const userDir = await newUserFolder(
      tarball,
      { user: ADMIN.user, bcryptHash: bcrypt.hashSync(ADMIN.password, 8) },
      words.lang,
    );
    nodeRed = await startNodeRed(runtimeOf(), userDir, { TEAM_WEBHOOK_URL: `${team.url}${hookPath}` });
    await nodeRed.login(ADMIN.user, ADMIN.password);
    flows = await exampleFlows(nodeRed);
    // What a user sets in the edit dialogs: the platform's URL, the tokens, where the platform reaches
    // this Node-RED; the test shortens the timeout and the inbox interval.
    const deployed = Object.values(flows)
      .flat()
      .map((node) => {
        if (node.type === 'iplus-config') {
          const parquet = node.name === 'iplus (parquet)';
          return {
            ...node,
            baseUrl: platform!.url,
            callbackBaseUrl: parquet ? nodeRed.url : '',
            credentials: { token: platform!.token(parquet ? 'clerk.mons' : 'agent.comines') },
          };
        }
        if (node.type === 'iplus-await-acknowledgement') {
          return { ...node, timeout: TIMEOUT_SECONDS, timeoutUnit: 'seconds' };
        }
        if (node.type === 'iplus-mandate-inbox') return { ...node, interval: INBOX_SECONDS };
        return node;
      });
    await deployFlows(nodeRed, deployed);
  });

  afterAll(async () => {
    await nodeRed?.stop();
    if (nodeRed) fs.rmSync(nodeRed.userDir, { recursive: true, force: true });
  });

  it('offers the two example flows under Import → Examples, and loads the seven nodes', async () => {
    expect(Object.keys(flows).sort()).toEqual([
      'parquet-upload-and-await-acknowledgement',
      'police-zone-mandate-inbox',
    ]);
    const sets = (await (
      await fetch(`${nodeRed.url}/nodes`, { headers: { ...nodeRed.admin, accept: 'application/json' } })
    ).json()) as Array<{ module: string; types: string[]; enabled: boolean; err?: string }>;
    const ours = sets.filter((s) => s.module === 'node-red-contrib-iplus');
    expect(ours.flatMap((s) => s.types).sort()).toEqual([
      'iplus-await-acknowledgement',
      'iplus-config',
      'iplus-create-bng-signalement',
      'iplus-issue-mandate',
      'iplus-mandate-action',
      'iplus-mandate-inbox',
      'iplus-upload-decision',
    ]);
    expect(ours.filter((s) => s.err || !s.enabled)).toEqual([]);
    // The editor's node definitions, help text in the language asked for.
    const editor = await fetch(`${nodeRed.url}/nodes`, {
      headers: { ...nodeRed.admin, accept: 'text/html', 'accept-language': words.lang },
    });
    expect(await editor.text()).toContain(words.help);
    // The token is in the credentials file, encrypted, never in the flow JSON.
    const flowFile = fs.readFileSync(path.join(nodeRed.userDir, 'flows.json'), 'utf8');
    expect(flowFile).not.toContain(platform!.token('clerk.mons'));
    expect(flowFile).not.toContain('"token"');
  });

  it("opens in the editor (Chromium): the nodes register through the package's shared editor script", async () => {
    const resource = await fetch(`${nodeRed.url}/resources/node-red-contrib-iplus/iplus-editor.js`);
    expect(resource.status).toBe(200);
    const editor = await openEditor(nodeRed, words.lang, ADMIN);
    try {
      const seen = await editor.dialogOf('iplus-create-bng-signalement');
      expect(seen.types).toEqual({
        'iplus-await-acknowledgement': 'iplus',
        'iplus-config': 'config',
        'iplus-create-bng-signalement': 'iplus',
        'iplus-issue-mandate': 'iplus',
        'iplus-mandate-action': 'iplus',
        'iplus-mandate-inbox': 'iplus',
        'iplus-upload-decision': 'iplus',
      });
      const config = Object.values(flows)
        .flat()
        .find((n) => n.type === 'iplus-config' && n.name === 'iplus (parquet)')!;
      // the shared rows: the config node's select (picked), the typed decision id, the name
      expect(seen.dialog).toEqual({
        config: { tag: 'SELECT', value: config.id },
        decisionId: { label: words.decisionId, typed: true },
        name: true,
        placeholdersLeft: 0,
      });
      // the shared help section, in the editor's language
      expect(seen.help).toContain(words.errors);
      expect(seen.help).not.toContain('data-iplus-help');
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.close();
    }
  });

  it("lists the recipients of issue mandate through the node's admin endpoint, for editor users only", async () => {
    const config = Object.values(flows)
      .flat()
      .find((n) => n.type === 'iplus-config' && n.name === 'iplus (parquet)')!;
    const agencies = `${nodeRed.url}/iplus/agencies?config=${config.id}&kind=police_check`;
    const res = await fetch(agencies, { headers: nodeRed.admin });
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<{ id: string; kind: string }>;
    expect(list.map((a) => a.id)).toContain('PZ-5318');
    expect(new Set(list.map((a) => a.kind))).toEqual(new Set(['police_zone']));

    expect((await fetch(agencies)).status).toBe(401);
    const unknown = await fetch(`${nodeRed.url}/iplus/agencies?config=nope&kind=police_check`, {
      headers: nodeRed.admin,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(words.notDeployed);
  });

  it('uploads a decision: the answer is the decision with its mandates, and its signalement is created', async () => {
    const reference = `TAP-MONS-2026-${label.includes('5') ? '5' : '4'}00001`;
    const res = await postDecision(nodeRed, cominesDecision(reference));
    expect(res.status).toBe(201);
    first = (await res.json()) as Decision;
    expect(first.status).toBe('routed');
    expect(first.mandates.map((m) => `${m.kind} ${m.recipientId} ${m.status}`).sort()).toEqual([
      'guidance MJ-TOURNAI issued',
      'police_check PZ-5318 issued',
    ]);
    await waitFor(
      async () => (await api<Decision>('clerk.mons', 'GET', `/api/decisions/${first.id}`)).signalement,
      20_000,
    );
  });

  it("answers a refused decision with the platform's field errors (a catch node and msg.problem)", async () => {
    const bad = cominesDecision('TAP-MONS-2026-999999', {
      person: { ...cominesDecision().person, nrn: '85073003329' },
    });
    const res = await postDecision(nodeRed, bad);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: Array<{ field: string; code: string }> };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'decision.person.nrn', code: 'nrn_checksum' }),
      ]),
    );
  });

  it("refuses a file that is not a PDF in the node's words, in Node-RED's language", async () => {
    const form = new FormData();
    form.set('decision', JSON.stringify(cominesDecision('TAP-MONS-2026-999998')));
    form.set('document', new Blob(['not a pdf'], { type: 'application/pdf' }), 'decision.pdf');
    const res = await fetch(`${nodeRed.url}/iplus/example/decision`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(words.notPdf);
  });

  it('sends the held message on output 1 once the zone acknowledges the mandate (mandate action)', async () => {
    const police = first.mandates.find((m) => m.kind === 'police_check')!;
    const res = await postJson(nodeRed, '/iplus/example/acknowledge', { id: police.id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Mandate).status).toBe('acknowledged');

    const event = await team.waitFor(
      (e) => mine(e) && e.event === 'acknowledged' && e.mandate.id === police.id,
      30_000,
    );
    expect(event.mandate.status).toBe('acknowledged');
  });

  it("reports through mandate action; a different report is refused in the platform's words", async () => {
    const police = first.mandates.find((m) => m.kind === 'police_check')!;
    const reported = await postJson(nodeRed, '/iplus/example/report', {
      id: police.id,
      outcome: 'address_verified',
      text: 'seen at home',
    });
    expect(reported.status).toBe(200);
    expect(((await reported.json()) as Mandate).status).toBe('reported');

    const again = await postJson(nodeRed, '/iplus/example/report', {
      id: police.id,
      outcome: 'person_absent',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/report/i);
  });

  it('resumes a message held before Node-RED restarted, when the mandate is acknowledged after', async () => {
    const res = await postDecision(
      nodeRed,
      cominesDecision(`TAP-MONS-2026-${label.includes('5') ? '5' : '4'}00002`),
    );
    expect(res.status).toBe(201);
    second = (await res.json()) as Decision;
    const police = second.mandates.find((m) => m.kind === 'police_check')!;
    // The zone's inbox has sent the new mandate before the restart.
    await team.waitFor((e) => mine(e) && e.event === 'new mandate' && e.mandate.id === police.id, 20_000);
    await callbackRegistered(platform!.dataDir, police.id);

    await nodeRed.restart();
    // Three polls of the inbox after the restart: the mandate, still issued, must not be sent again.
    await new Promise((r) => setTimeout(r, 3 * INBOX_SECONDS * 1000));
    await api('agent.comines', 'POST', `/api/mandates/${police.id}/acknowledge`, {});

    const event = await team.waitFor(
      (e) => mine(e) && e.event === 'acknowledged' && e.mandate.id === police.id,
      30_000,
    );
    expect(event.mandate.status).toBe('acknowledged');
    expect(
      team.events.filter((e) => mine(e) && e.event === 'new mandate' && e.mandate.id === police.id),
    ).toHaveLength(1);
  });

  it('resumes a message whose mandate was acknowledged while Node-RED was down: the platform calls back again', async () => {
    const guidance = second.mandates.find((m) => m.kind === 'guidance')!;
    await callbackRegistered(platform!.dataDir, guidance.id);
    await nodeRed.stop();
    await api('assistant.tournai', 'POST', `/api/mandates/${guidance.id}/acknowledge`, {});
    // The platform's first call fails (nothing listens); it retries with back-off (1 s, 2 s, 4 s…).
    await new Promise((r) => setTimeout(r, 1_500));
    await nodeRed.start();

    const event = await team.waitFor(
      (e) => mine(e) && e.event === 'acknowledged' && e.mandate.id === guidance.id,
      30_000,
    );
    expect(event.mandate.status).toBe('acknowledged');
    // It was a retry: the platform's first call found no Node-RED.
    expect(platform!.server.log()).toMatch(
      new RegExp(`callback CB-\\d+ to ${nodeRed.url}/iplus/acknowledgement/\\S+ failed`),
    );
  });

  it('sends the message on output 2 at the timeout when the mandate is not acknowledged', async () => {
    const guidance = first.mandates.find((m) => m.kind === 'guidance')!;
    const event = await team.waitFor(
      (e) => mine(e) && e.event === 'timed out' && e.mandate.id === guidance.id,
      (TIMEOUT_SECONDS + 30) * 1000,
    );
    expect(event.mandate.status).toBe('issued');
    const forIt = team.events.filter((e) => mine(e) && e.mandate.id === guidance.id);
    expect(forIt.map((e) => e.event)).toEqual(['timed out']);
  });

  it("the mandate inbox sent each new mandate of the zone once, and only the zone's", () => {
    const sent = team.events.filter((e) => mine(e) && e.event === 'new mandate');
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((e) => e.mandate.id)).size).toBe(sent.length);
    expect(new Set(sent.map((e) => e.mandate.recipientId))).toEqual(new Set(['PZ-5318']));
  });
});

/** POSTs a decision to the parquet flow as a multipart form: `decision` (JSON) and `document` (the PDF). */
async function postDecision(nodeRed: NodeRed, decision: unknown): Promise<Response> {
  const form = new FormData();
  form.set('decision', JSON.stringify(decision));
  form.set('document', new Blob([samplePdf()], { type: 'application/pdf' }), 'decision.pdf');
  return await fetch(`${nodeRed.url}/iplus/example/decision`, { method: 'POST', body: form });
}

async function postJson(nodeRed: NodeRed, p: string, body: unknown): Promise<Response> {
  return await fetch(`${nodeRed.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function waitFor<T>(check: () => Promise<T | null | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
