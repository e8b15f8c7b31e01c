import { decision, eventually, startIplus, upload, type IplusProcess } from './iplus-process';

interface Mandate {
  id: string;
  decisionId: string;
  kind: string;
  recipientId: string;
  status: string;
  overdue: boolean;
}
interface Decision {
  id: string;
  status: string;
  signalement: { id: string; register: string } | null;
  mandates: Mandate[];
}
interface Notification {
  kind: string;
  agencyId: string;
  decisionId: string;
  mandateId?: string;
}

const ACK_DEADLINE_S = 4;
/** Issue 5: "within a second" of the upload. */
const WITHIN_MS = 1000;

// Issue 5, "Done when": the whole system — `iplus start` (embedded engine + platform), the real HTTP
// API and the real Zeebe gRPC between them, the real BPMN models and routing DMN. A person domiciled
// in Comines-Warneton (NIS 57097; Hainaut, parquet Mons-Tournai).
describe('Comines-Warneton, end to end', () => {
  jest.setTimeout(180_000);
  let iplus: IplusProcess;

  beforeAll(async () => {
    iplus = await startIplus({ env: { IPLUS_ACK_DEADLINE: `PT${ACK_DEADLINE_S}S` } });
  });
  afterAll(async () => {
    const code = await iplus?.stop('SIGTERM');
    expect(code).toBe(0);
  });

  const inbox = (user: string) =>
    iplus.as<{ items: Mandate[] }>(user, 'GET', '/api/mandates?limit=500').then((r) => r.body.items);
  const notifications = (user: string, kind: string) =>
    iplus
      .as<{ items: Notification[] }>(user, 'GET', `/api/notifications?kind=${kind}&limit=500`)
      .then((r) => r.body.items);

  it('within a second: the signalement, the police mandate in PZ-5318, the guidance mandate in MJ-TOURNAI; acknowledging both lets the process go on; a breach reaches the parquet', async () => {
    // "Within a second" of the upload: the clock starts when the request is sent, and every poll
    // records when its answer arrived; the first poll that sees all three gives the figure.
    const sent = performance.now();
    const up = await iplus.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      upload(decision('TAP-MONS-2026-E2E-1')),
    );
    const answeredMs = performance.now() - sent;
    expect(up.status).toBe(201);
    const id = up.body.id;
    let visibleMs = NaN;
    const [police, guidance] = await eventually(
      async () => {
        const [p, g, d] = await Promise.all([
          inbox('agent.comines'),
          inbox('assistant.tournai'),
          iplus.as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`),
        ]);
        const pm = p.find((m) => m.decisionId === id);
        const gm = g.find((m) => m.decisionId === id);
        if (!(pm && gm && d.body.signalement)) return undefined;
        visibleMs = performance.now() - sent;
        return [pm, gm] as const;
      },
      10_000,
      'signalement and both mandates',
    );
    process.stdout.write(
      `Comines-Warneton: upload answered in ${answeredMs.toFixed(0)} ms; signalement and both mandates ` +
        `visible ${visibleMs.toFixed(0)} ms after sending (limit ${WITHIN_MS} ms)\n`,
    );
    expect(visibleMs).toBeLessThan(WITHIN_MS);
    expect(police).toMatchObject({ kind: 'police_check', recipientId: 'PZ-5318', status: 'issued' });
    expect(guidance).toMatchObject({ kind: 'guidance', recipientId: 'MJ-TOURNAI', status: 'issued' });

    // Acknowledging both lets the process go on to the reports: a breach reported by the police
    // reaches the parquet, and once both reports are in the decision is closed.
    expect(
      (await iplus.as<Mandate>('agent.comines', 'POST', `/api/mandates/${police.id}/acknowledge`, {})).body
        .status,
    ).toBe('acknowledged');
    expect(
      (await iplus.as<Mandate>('assistant.tournai', 'POST', `/api/mandates/${guidance.id}/acknowledge`, {}))
        .body.status,
    ).toBe('acknowledged');
    expect(
      (
        await iplus.as('agent.comines', 'POST', `/api/mandates/${police.id}/report`, {
          outcome: 'address_not_verified',
          text: 'not living there',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await iplus.as('assistant.tournai', 'POST', `/api/mandates/${guidance.id}/report`, {
          outcome: 'guidance_started',
        })
      ).status,
    ).toBe(200);
    const breach = await eventually(
      async () => (await notifications('clerk.mons', 'breach')).find((n) => n.mandateId === police.id),
      10_000,
      'breach notification to the parquet',
    );
    expect(breach).toMatchObject({ agencyId: 'PAR-MONS-TOURNAI', decisionId: id });
    expect((await notifications('clerk.mons', 'breach')).filter((n) => n.decisionId === id)).toHaveLength(1);
    const closed = await iplus.as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`);
    expect(closed.body.status).toBe('closed');
  });

  it('a deadline that passes escalates to the Hainaut coordinator', async () => {
    const up = await iplus.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      upload(decision('TAP-MONS-2026-E2E-2')),
    );
    expect(up.status).toBe(201);
    const escalations = await eventually(
      async () => {
        const mine = (await notifications('coord.hainaut', 'escalation')).filter(
          (n) => n.decisionId === up.body.id,
        );
        return mine.length === 2 ? mine : undefined;
      },
      (ACK_DEADLINE_S + 15) * 1000,
      'two escalations',
    );
    expect(escalations.every((n) => n.agencyId === 'COORD-BE-WHT')).toBe(true);
    const overdue = await iplus.as<{ items: Mandate[] }>(
      'agent.comines',
      'GET',
      '/api/mandates?overdue=true&limit=500',
    );
    expect(overdue.body.items.filter((m) => m.decisionId === up.body.id)).toEqual([
      expect.objectContaining({ overdue: true, status: 'issued' }),
    ]);
  });

  it('demo mode on an empty data folder printed the demo users at start, as in demo-credentials.json', () => {
    const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const creds = Object.values(iplus.creds);
    expect(creds.length).toBeGreaterThanOrEqual(8);
    expect(iplus.log()).toContain('demo-credentials.json');
    for (const c of creds)
      expect(iplus.log()).toMatch(
        new RegExp(`${esc(c.user)}\\s+${esc(c.password)}\\s+${c.role} of ${esc(c.agencyId)}`),
      );
  });

  it('a decision for a region not live takes the old channel', async () => {
    const gent = decision(
      'SURB-GENT-2026-E2E-3',
      { street: 'Veldstraat', number: '1', postalCode: '9000', municipalityNis: '44021' },
      { language: 'nl' },
    );
    const up = await iplus.as<Decision>('clerk.gent', 'POST', '/api/decisions', upload(gent));
    expect(up.status).toBe(201);
    const d = await eventually(
      async () => {
        const r = await iplus.as<Decision>('clerk.gent', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.status === 'old_channel' ? r.body : undefined;
      },
      10_000,
      'old channel',
    );
    expect(d.signalement).toBeNull();
    expect(d.mandates).toEqual([]);
    expect((await notifications('coord.oost-vlaanderen', 'old_channel')).map((n) => n.decisionId)).toContain(
      up.body.id,
    );
    expect((await inbox('agent.gent')).filter((m) => m.decisionId === up.body.id)).toEqual([]);
  });
});
