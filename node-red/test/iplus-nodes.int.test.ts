/**
 * Each node of node-red-contrib-iplus in a real Node-RED 4.1 runtime (node-red-node-test-helper),
 * against a real iplus platform (engine included) over HTTP. Messages are the catalog keys: the helper
 * runs without the message catalogs (the end-to-end test checks the words).
 */
import { cominesDecision, samplePdf } from '../../platform/src/__fixtures__/sample-decision';
import { startPlatform, type Platform } from '../../test/e2e/n8n/platform-process';
import { loadHelper, packageNodes, type Helper, type TestNode } from './node-red-helper';

jest.setTimeout(180_000);

type Mandate = { id: string; kind: string; recipientId: string; status: string };
type Decision = { id: string; status: string; mandates: Mandate[] };
type Msg = Record<string, unknown> & { payload?: unknown; error?: { message: string } };

/** The fields of an output that carries a mandate's ids and status (contract mandateStatusOf). */
const MANDATE_STATUS_FIELDS = [
  'id',
  'decisionId',
  'kind',
  'recipientId',
  'status',
  'deadline',
  'overdue',
  'issuedAt',
  'acknowledgedAt',
  'acknowledgedBy',
  'report',
];
/** The person of cominesDecision: never in a node's output but the police zone's inbox. */
const PERSON = /Dupont|Jean Marie|85073003328|Rue de la Gare|no contact with the victim/i;
/** An output that carries a mandate's ids and status, and nothing else. */
function expectStatusOnly(payload: unknown): void {
  expect(Object.keys(payload as object)).toEqual([...MANDATE_STATUS_FIELDS]);
  expect(JSON.stringify(payload)).not.toMatch(PERSON);
}

let helper: Helper;
let platform: Platform;
let served: Awaited<ReturnType<typeof packageNodes>>;
let references = 0;

beforeAll(async () => {
  helper = loadHelper();
  [platform, served] = await Promise.all([
    startPlatform({ IPLUS_CALLBACK_ALLOW: '127.0.0.1,localhost' }),
    packageNodes(),
  ]);
});

afterEach(async () => {
  await helper.unload();
});

afterAll(async () => {
  await platform?.stop();
  await served?.close();
});

/** A config node for a demo user; its token goes in the credentials, as Node-RED keeps it. */
function config(id: string, user: string) {
  return {
    flow: {
      id,
      type: 'iplus-config',
      name: user,
      baseUrl: platform.url,
      callbackBaseUrl: served.httpNodeUrl(),
    },
    credentials: { [id]: { token: platform.token(user) } },
  };
}

/** Loads `nodes` (wired to the helper node `out`, outputs in order) with a catch node wired to `caught`. */
async function load(nodes: object[], credentials: object = {}): Promise<void> {
  const inTab = (node: object): object =>
    (node as { type: string }).type === 'iplus-config' ? node : { ...node, z: 'tab' };
  await helper.load(
    served.nodes,
    [
      { id: 'tab', type: 'tab', label: 'test' },
      ...nodes.map(inTab),
      { id: 'out', z: 'tab', type: 'helper' },
      { id: 'out2', z: 'tab', type: 'helper' },
      { id: 'catcher', z: 'tab', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 'tab', type: 'helper' },
    ],
    credentials,
  );
}

/** The next message the helper node `id` receives (failing after 30 s: a message that never comes). */
function next(id: string): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message reached ${id} in 30 s`)), 30_000);
    helper.getNode(id).on('input', (msg) => {
      clearTimeout(timer);
      resolve(msg as Msg);
    });
  });
}

function api<T>(user: string, method: string, p: string, body?: unknown): Promise<T> {
  return fetch(`${platform.url}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${platform.token(user)}`,
      'x-justification': 'node-red int test',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  });
}

/** A decision uploaded by the clerk through the API, routed, with its two mandates. */
async function uploadedDecision(): Promise<Decision> {
  const decision = cominesDecision(`TAP-MONS-2026-${String(700000 + ++references)}`);
  const { id } = await api<Decision>('clerk.mons', 'POST', '/api/decisions', {
    decision,
    document: { fileName: 'd.pdf', contentBase64: samplePdf().toString('base64') },
  });
  for (let i = 0; i < 120; i++) {
    const now = await api<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`);
    if (now.mandates.length >= 2) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`decision ${id} was not routed`);
}

describe('iplus config', () => {
  it('keeps the token in the credentials, and a node without one says to paste one', async () => {
    const parquet = config('cfg', 'clerk.mons');
    await load([
      { ...parquet.flow, id: 'cfg' },
      { id: 'up', type: 'iplus-upload-decision', iplus: 'cfg', wires: [['out']] },
    ]);
    const node = helper.getNode('cfg');
    expect(node.baseUrl).toBe(platform.url);
    expect(node.credentials).toEqual({});
    const caught = next('caught');
    helper.getNode('up').receive({ payload: cominesDecision('TAP-MONS-2026-000001'), document: samplePdf() });
    expect((await caught).error!.message).toBe(
      'node-red-contrib-iplus/iplus-config:iplus-config.errors.noToken',
    );
  });
});

describe('upload decision', () => {
  const parquet = () => config('cfg', 'clerk.mons');
  const flow = () => [
    parquet().flow,
    { id: 'up', type: 'iplus-upload-decision', iplus: 'cfg', documentProperty: 'pdf', wires: [['out']] },
  ];

  it('uploads the decision and the PDF Buffer, and outputs the decision with its mandates', async () => {
    await load(flow(), parquet().credentials);
    const out = next('out');
    helper
      .getNode('up')
      .receive({ payload: cominesDecision('TAP-MONS-2026-710001'), pdf: samplePdf(), keep: 'me' });
    const msg = await out;
    const decision = msg.payload as Decision;
    expect(decision.id).toMatch(/^D-\d{6}$/);
    expect(decision.status).toBe('routed');
    expect(decision.mandates.map((m) => m.kind).sort()).toEqual(['guidance', 'police_check']);
    expect(msg.keep).toBe('me');
  });

  it('refuses a document that is not a PDF before calling the platform', async () => {
    await load(flow(), parquet().credentials);
    const caught = next('caught');
    helper
      .getNode('up')
      .receive({ payload: cominesDecision('TAP-MONS-2026-710002'), pdf: Buffer.from('hello') });
    expect((await caught).error!.message).toBe('iplus-upload-decision.errors.notPdf');
  });

  it("stops with the platform's field errors, and the problem document in msg.problem", async () => {
    await load(flow(), parquet().credentials);
    const caught = next('caught');
    const bad = cominesDecision('TAP-MONS-2026-710003', { measure: 'parole' });
    helper.getNode('up').receive({ payload: JSON.stringify(bad), pdf: samplePdf() });
    const msg = await caught;
    // The contract's reading of a problem: its detail, then each field error with its path.
    const problem = msg.problem as { detail: string };
    expect(msg.error!.message.split('\n')[0]).toBe(problem.detail);
    expect(msg.error!.message).toMatch(/\ndecision\.measure: measure "parole"/);
    expect(msg.problem).toEqual(
      expect.objectContaining({
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field: 'decision.measure' })]),
      }),
    );
  });
});

describe('create BNG signalement', () => {
  it('creates the signalement of the decision in msg.payload.id (idempotent)', async () => {
    const decision = await uploadedDecision();
    const parquet = config('cfg', 'clerk.mons');
    await load(
      [parquet.flow, { id: 'bng', type: 'iplus-create-bng-signalement', iplus: 'cfg', wires: [['out']] }],
      parquet.credentials,
    );
    let out = next('out');
    helper.getNode('bng').receive({ payload: decision });
    const signalement = (await out).payload as { id: string; decisionId: string };
    expect(signalement).toEqual(
      expect.objectContaining({ id: expect.stringMatching(/^S-/), decisionId: decision.id }),
    );
    out = next('out');
    helper.getNode('bng').receive({ payload: decision });
    expect(((await out).payload as { id: string }).id).toBe(signalement.id);
  });

  it("says where the decision id was looked for, and stops with the platform's words for another parquet's decision", async () => {
    const decision = await uploadedDecision();
    const gent = config('cfg', 'clerk.gent');
    await load(
      [gent.flow, { id: 'bng', type: 'iplus-create-bng-signalement', iplus: 'cfg', wires: [['out']] }],
      gent.credentials,
    );
    let caught = next('caught');
    helper.getNode('bng').receive({ payload: {} });
    expect((await caught).error!.message).toBe(
      'node-red-contrib-iplus/iplus-config:iplus-config.errors.required',
    );

    caught = next('caught');
    helper.getNode('bng').receive({ payload: { id: decision.id } });
    const msg = await caught;
    expect((msg.problem as { status: number }).status).toBeGreaterThanOrEqual(403);
    expect(msg.error!.message).toBe((msg.problem as { detail: string }).detail);
  });
});

describe('issue mandate', () => {
  it('issues a mandate to the chosen agency', async () => {
    const decision = await uploadedDecision();
    const parquet = config('cfg', 'clerk.mons');
    await load(
      [
        parquet.flow,
        {
          id: 'issue',
          type: 'iplus-issue-mandate',
          iplus: 'cfg',
          kind: 'police_check',
          recipientMode: 'agency',
          recipient: 'PZ-5318',
          deadline: 'PT48H',
          wires: [['out']],
        },
      ],
      parquet.credentials,
    );
    const out = next('out');
    helper.getNode('issue').receive({ payload: decision });
    const mandate = (await out).payload as Mandate;
    expect(mandate).toEqual(
      expect.objectContaining({
        id: `M-${decision.id.slice(2)}-POL-2`,
        recipientId: 'PZ-5318',
        status: 'issued',
      }),
    );
    expectStatusOnly(mandate);
  });

  it('refuses a deadline that is not ISO 8601', async () => {
    const parquet = config('cfg', 'clerk.mons');
    await load(
      [
        parquet.flow,
        {
          id: 'issue',
          type: 'iplus-issue-mandate',
          iplus: 'cfg',
          kind: 'guidance',
          deadline: 'tomorrow',
          wires: [['out']],
        },
      ],
      parquet.credentials,
    );
    const caught = next('caught');
    helper.getNode('issue').receive({ payload: { id: 'D-000001' } });
    expect((await caught).error!.message).toBe('iplus-issue-mandate.errors.deadline');
  });

  it("lists the agencies of the mandate kind's recipient through its admin endpoint", async () => {
    const parquet = config('cfg', 'clerk.mons');
    await load([parquet.flow], parquet.credentials);
    const res = await helper.request().get('/iplus/agencies?config=cfg&kind=guidance');
    expect(res.status).toBe(200);
    const agencies = res.body as Array<{ id: string; kind: string }>;
    expect(agencies.map((a) => a.id)).toContain('MJ-TOURNAI');
    expect(new Set(agencies.map((a) => a.kind))).toEqual(new Set(['justice_house']));
    expect((await helper.request().get('/iplus/agencies?config=missing')).status).toBe(404);
  });
});

describe('await acknowledgement', () => {
  const flow = () => {
    const parquet = config('cfg', 'clerk.mons');
    return {
      nodes: [
        parquet.flow,
        {
          id: 'wait',
          type: 'iplus-await-acknowledgement',
          iplus: 'cfg',
          timeout: 2,
          timeoutUnit: 'hours',
          wires: [['out'], ['out2']],
        },
      ],
      credentials: parquet.credentials,
    };
  };

  it('holds the message until the platform calls back after the acknowledgement, then sends it on output 1', async () => {
    const decision = await uploadedDecision();
    const police = decision.mandates.find((m) => m.kind === 'police_check')!;
    const { nodes, credentials } = flow();
    await load(nodes, credentials);
    const waiting = new Promise<void>((resolve) =>
      helper.getNode('wait').on('call:status', (call: unknown) => {
        const [status] = (call as { args: Array<{ fill?: string }> }).args;
        if (status?.fill === 'yellow') resolve();
      }),
    );
    const intervals = jest.spyOn(global, 'setInterval');
    const out = next('out');
    helper.getNode('wait').receive({ payload: police, held: 'yes' });
    await waiting;
    expect(intervals).not.toHaveBeenCalled(); // one sweeping timer per node, none per message
    intervals.mockRestore();

    await api('agent.comines', 'POST', `/api/mandates/${police.id}/acknowledge`, {});
    const msg = await out;
    expect(msg.held).toBe('yes');
    expect(msg.payload).toEqual(expect.objectContaining({ id: police.id, status: 'acknowledged' }));
    expectStatusOnly(msg.payload);
  });

  it('sends a mandate already acknowledged on output 1 at once', async () => {
    const decision = await uploadedDecision();
    const police = decision.mandates.find((m) => m.kind === 'police_check')!;
    await api('agent.comines', 'POST', `/api/mandates/${police.id}/acknowledge`, {});
    const { nodes, credentials } = flow();
    await load(nodes, credentials);
    const out = next('out');
    helper.getNode('wait').receive({ payload: { id: police.id } });
    expect(((await out).payload as Mandate).status).toBe('acknowledged');
  });

  it('sends the message on output 2 once the sweep sees it past its timeout', async () => {
    const decision = await uploadedDecision();
    const guidance = decision.mandates.find((m) => m.kind === 'guidance')!;
    const { nodes, credentials } = flow();
    await load(nodes, credentials);
    const node = helper.getNode('wait') as TestNode & {
      sweep(now?: number): Promise<void>;
      acknowledged(waitId: string, body: unknown): Promise<{ status: number; body: unknown }>;
    };
    const registered = new Promise<void>((resolve) =>
      node.on('call:status', (call: unknown) => {
        if ((call as { args: Array<{ fill?: string }> }).args[0]?.fill === 'yellow') resolve();
      }),
    );
    node.receive({ payload: guidance });
    await registered;

    await node.sweep(Date.now() + 60 * 60_000); // an hour on: still waiting
    const timedOut = next('out2');
    await node.sweep(Date.now() + 2 * 60 * 60_000 + 1_000);
    const msg = await timedOut;
    expect(msg.payload).toEqual(expect.objectContaining({ id: guidance.id, status: 'issued' }));
    // A callback for a wait no longer held is answered 200, so that the platform stops retrying.
    expect((await node.acknowledged('0'.repeat(32), { event: 'mandate.acknowledged' })).status).toBe(200);
  });

  it('refuses a callback that is not for the mandate awaited, and keeps waiting', async () => {
    const decision = await uploadedDecision();
    const guidance = decision.mandates.find((m) => m.kind === 'guidance')!;
    const { nodes, credentials } = flow();
    await load(nodes, credentials);
    const registered = new Promise<void>((resolve) =>
      helper.getNode('wait').on('call:status', (call: unknown) => {
        if ((call as { args: Array<{ fill?: string }> }).args[0]?.fill === 'yellow') resolve();
      }),
    );
    helper.getNode('wait').receive({ payload: guidance });
    await registered;
    const waits = Object.keys(
      await new Promise<object>((resolve) =>
        (
          helper.getNode('wait') as unknown as {
            context(): { get(k: string, cb: (e: unknown, v: unknown) => void): void };
          }
        )
          .context()
          .get('waits', (_e, v) => resolve(v as object)),
      ),
    );
    expect(waits).toHaveLength(1);
    const url = `${served.httpNodeUrl()}/iplus/acknowledgement/wait/${waits[0]}`;
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'mandate.acknowledged', mandate: { id: 'M-999999-POL' } }),
    });
    expect(wrong.status).toBe(400);
    const early = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'mandate.acknowledged', mandate: { id: guidance.id } }),
    });
    expect(early.status).toBe(409); // not acknowledged in the platform: the platform would retry
    expect(
      (await fetch(`${served.httpNodeUrl()}/iplus/acknowledgement/nobody/x`, { method: 'POST' })).status,
    ).toBe(404);
  });
});

describe('mandate inbox', () => {
  it("sends each issued mandate of the token's agency once, and a new one when it comes", async () => {
    await uploadedDecision();
    const zone = config('cfg', 'agent.comines');
    await load(
      [
        zone.flow,
        { id: 'inbox', type: 'iplus-mandate-inbox', iplus: 'cfg', interval: 3600, wires: [['out']] },
      ],
      zone.credentials,
    );
    const received: Msg[] = [];
    helper.getNode('out').on('input', (msg) => received.push(msg as Msg));
    const inbox = helper.getNode('inbox') as TestNode & { poll(): Promise<void> };
    await inbox.poll();
    const issued = await api<{ items: Mandate[] }>(
      'agent.comines',
      'GET',
      '/api/mandates?status=issued&limit=500',
    );
    await new Promise((r) => setImmediate(r));
    expect(received.map((m) => m.topic).sort()).toEqual(issued.items.map((m) => m.id).sort());
    expect(received.every((m) => (m.payload as Mandate).recipientId === 'PZ-5318')).toBe(true);
    // A police zone gets the name and address for the visit: not the number, nor the court's free text.
    for (const { payload } of received) {
      const p = payload as { person: Record<string, unknown>; conditions: Record<string, unknown> };
      expect(Object.keys(p).sort()).toEqual(
        [...MANDATE_STATUS_FIELDS, 'conditions', 'measure', 'person'].sort(),
      );
      expect(Object.keys(p.person).sort()).toEqual(['birthDate', 'domicile', 'firstNames', 'lastName']);
      expect(Object.keys(p.conditions)).toEqual(['general']);
      expect(JSON.stringify(p)).not.toMatch(/85073003328|no contact with the victim/);
    }

    await inbox.poll();
    await new Promise((r) => setImmediate(r));
    expect(received).toHaveLength(issued.items.length);

    const fresh = await uploadedDecision();
    await inbox.poll();
    await new Promise((r) => setImmediate(r));
    const police = fresh.mandates.find((m) => m.kind === 'police_check')!;
    expect(received.slice(issued.items.length).map((m) => m.topic)).toEqual([police.id]);
  });
});

describe('mandate action', () => {
  const flow = (user: string, action: object) => {
    const zone = config('cfg', user);
    return {
      nodes: [
        zone.flow,
        { id: 'act', type: 'iplus-mandate-action', iplus: 'cfg', ...action, wires: [['out']] },
      ],
      credentials: zone.credentials,
    };
  };

  it('acknowledges, then reports with the outcome of msg.outcome', async () => {
    const decision = await uploadedDecision();
    const police = decision.mandates.find((m) => m.kind === 'police_check')!;
    let { nodes, credentials } = flow('agent.comines', {
      action: 'acknowledge',
      text: 'on it',
      textType: 'str',
    });
    await load(nodes, credentials);
    let out = next('out');
    helper.getNode('act').receive({ payload: police });
    const acknowledged = (await out).payload as Mandate;
    expect(acknowledged.status).toBe('acknowledged');
    expectStatusOnly(acknowledged);
    await helper.unload();

    ({ nodes, credentials } = flow('agent.comines', { action: 'report', text: 'note', textType: 'msg' }));
    await load(nodes, credentials);
    out = next('out');
    helper.getNode('act').receive({ payload: police, outcome: 'address_verified', note: 'seen at home' });
    const reported = (await out).payload as Mandate & { report: { outcome: string; text: string } };
    expect(reported.status).toBe('reported');
    // The report's outcome goes on; its free text (which may name people) stays in iplus.
    expect(reported.report).toEqual({
      outcome: 'address_verified',
      breach: false,
      at: expect.any(String),
      by: 'agent.comines',
    });
    expectStatusOnly(reported);
  });

  it("refuses an unknown outcome, and stops with the platform's words for another agency's mandate", async () => {
    const decision = await uploadedDecision();
    const police = decision.mandates.find((m) => m.kind === 'police_check')!;
    const { nodes, credentials } = flow('agent.gent', { action: 'report' });
    await load(nodes, credentials);
    let caught = next('caught');
    helper.getNode('act').receive({ payload: police, outcome: 'fine' });
    expect((await caught).error!.message).toBe('iplus-mandate-action.errors.outcome');

    caught = next('caught');
    helper.getNode('act').receive({ payload: police, outcome: 'address_verified' });
    const msg = await caught;
    expect((msg.problem as { status: number }).status).toBe(403);
    expect(msg.error!.message).toBe((msg.problem as { detail: string }).detail);
  });
});
