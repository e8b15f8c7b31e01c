import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { cominesDecision, gentDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, verifyWebhook } from './webhook-signature';

const SECRET = 'eupen-parquet-webhook-secret-0123456789';
const why = { 'x-justification': 'test: messages end to end' };

interface Hook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

// The whole path on the real engine (over gRPC): the process escalates or a recipient reports a
// breach, the worker writes the notification, the platform e-mails (real SMTP server) and calls the
// agency's webhook (real HTTP, HMAC), in the agency's language; settings go through the admin API.
describe('messages end to end: the real engine, the admin API, a real SMTP server and webhook', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  let smtp: SMTPServer;
  let hookServer: http.Server;
  let hookUrl: string;
  const mails: ParsedMail[] = [];
  const hooks: Hook[] = [];
  const mailsTo = (address: string) =>
    mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === address));

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hookServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/eupen`;
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      callbackAllow: ['127.0.0.1'],
      ackDeadline: 'PT2S',
      messages: {
        smtp: {
          host: '127.0.0.1',
          port: (smtp.server.address() as AddressInfo).port,
          tls: 'none',
          from: 'I+ <noreply@iplus.test>',
        },
        publicUrl: 'https://iplus.example.be',
        pollMs: 100,
      },
    });
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      60_000,
      'ready (models and routing tables deployed, workers running)',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => hookServer?.close(() => resolve()));
  });

  it('admins set where messages go; others are refused; a bad webhook is refused with the reason', async () => {
    expect(
      (
        await t.as('clerk.mons', 'PUT', '/api/agencies/PAR-MONS-TOURNAI/delivery', {
          emails: ['x@y.example'],
        })
      ).status,
    ).toBe(403);
    const bad = await t.as<{ errors: Array<{ field: string; message: string }> }>(
      'admin',
      'PUT',
      '/api/agencies/PAR-EUPEN/delivery',
      { emails: [], webhook: { url: 'http://10.1.2.3/hook', secret: SECRET } },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'webhook.url', message: expect.stringContaining('10.1.2.3') }),
    ]);
    expect((await t.as('admin', 'GET', '/api/agencies/PZ-0000/delivery')).status).toBe(404);

    for (const [agency, body] of [
      ['COORD-BE-WHT', { emails: ['coordination.hainaut@justice.example'] }],
      ['COORD-BE-VOV', { emails: ['coordinatie.oost-vlaanderen@justice.example'] }],
      [
        'PAR-EUPEN',
        { emails: ['staatsanwaltschaft@eupen.example'], webhook: { url: hookUrl, secret: SECRET } },
      ],
    ] as const) {
      expect((await t.as('admin', 'PUT', `/api/agencies/${agency}/delivery`, body)).status).toBe(200);
    }
    const read = await t.as('admin', 'GET', '/api/agencies/PAR-EUPEN/delivery');
    expect(read.body).toMatchObject({
      agencyId: 'PAR-EUPEN',
      language: null,
      emails: ['staatsanwaltschaft@eupen.example'],
      webhook: { url: hookUrl, secretSet: true },
      updatedBy: 'admin',
    });
    expect(JSON.stringify(read.body)).not.toContain(SECRET);
  });

  it('mandates that escalate on the engine e-mail the coordinator in French (Hainaut) and in Dutch (East Flanders)', async () => {
    const up = await t.as<{ id: string; reference: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-MAIL01')),
    );
    expect(up.status).toBe(201);
    const fr = await eventually(
      async () =>
        mailsTo('coordination.hainaut@justice.example').length >= 2
          ? mailsTo('coordination.hainaut@justice.example')
          : undefined,
      40_000,
      'two escalation e-mails to the Hainaut coordinator',
    );
    expect(fr.map((m) => m.subject)).toEqual([
      'I+ : mandat non accusé — TAP-MONS-2026-MAIL01',
      'I+ : mandat non accusé — TAP-MONS-2026-MAIL01',
    ]);
    for (const m of fr) {
      expect(m.text).not.toMatch(/Dupont|Jean Marie/i);
      expect(m.text).toContain(`https://iplus.example.be/#/decisions/${up.body.id}`);
      expect(m.text).not.toContain('85073003328');
    }

    const gent = await t.as<{ id: string }>(
      'clerk.gent',
      'POST',
      '/api/decisions',
      jsonUpload(gentDecision('SURB-GENT-2026-MAIL02')),
    );
    expect(gent.status).toBe(201);
    const mandate = await t.as<{ id: string }>('clerk.gent', 'POST', '/api/mandates', {
      decisionId: gent.body.id,
      kind: 'guidance',
      recipientId: 'JH-GENT',
      deadline: 'PT1S',
    });
    expect(mandate.status).toBe(201);
    const [nl] = await eventually(
      async () =>
        mailsTo('coordinatie.oost-vlaanderen@justice.example').length > 0
          ? mailsTo('coordinatie.oost-vlaanderen@justice.example')
          : undefined,
      40_000,
      'the escalation e-mail to the East Flanders coordinator',
    );
    expect(nl!.subject).toBe('I+: mandaat niet bevestigd — SURB-GENT-2026-MAIL02');
    expect(nl!.text).toContain(`Mandaat: ${mandate.body.id}`);
    expect(nl!.text).toContain('Een mandaat over de persoon uit beslissing SURB-GENT-2026-MAIL02');
    expect(nl!.text).not.toMatch(/Peeters|Jan |Veldstraat/i);
  });

  it("a revocation (lifecycle's API) e-mails the police zone at once, in French, with the link to its mandate", async () => {
    expect(
      (
        await t.as('admin', 'PUT', '/api/agencies/PZ-5318/delivery', {
          emails: ['permanence@pz5318.example'],
        })
      ).status,
    ).toBe(200);
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-MAIL04', { measureEnd: '2027-12-31' })),
    );
    expect(up.status).toBe(201);
    const police = await eventually(
      async () => {
        const d = await t.as<{ status: string; mandates: Array<{ id: string; kind: string }> }>(
          'clerk.mons',
          'GET',
          `/api/decisions/${up.body.id}`,
        );
        return d.body.status === 'routed'
          ? d.body.mandates.find((m) => m.kind === 'police_check')
          : undefined;
      },
      30_000,
      'the decision routed',
    );
    const revoked = await t.as<{ status: string }>(
      'clerk.mons',
      'POST',
      `/api/decisions/${up.body.id}/revocation`,
      {
        reason: 'arrested; revoked by the TAP',
      },
    );
    expect(revoked.body.status).toBe('revoked');
    const [mail] = await eventually(
      async () => {
        const found = mailsTo('permanence@pz5318.example').filter((m) => m.subject?.includes('MAIL04'));
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'the revocation e-mail to police zone 5318',
    );
    expect(mail!.subject).toBe('I+ : mesure révoquée — TAP-MONS-2026-MAIL04');
    expect(mail!.text).toContain(`https://iplus.example.be/#/mandates/${police.id}`);
    expect(mail!.text).not.toContain('arrested');
  });

  it('a breach report reaches the parquet of Eupen by e-mail and signed webhook, in German', async () => {
    const eupen = cominesDecision('TAP-EUPEN-2026-MAIL03', {
      court: 'Strafvollstreckungsgericht Lüttich',
      prisonId: undefined,
      language: 'de',
      person: {
        nrn: '85073003328',
        lastName: 'Schmitz',
        firstNames: 'Karl',
        birthDate: '1985-07-30',
        domicile: { street: 'Klosterstraße', number: '3', postalCode: '4700', municipalityNis: '63023' },
      },
    });
    const up = await t.as<{ id: string }>('admin', 'POST', '/api/decisions', jsonUpload(eupen), why);
    expect(up.status).toBe(201);
    const m = await t.as<{ id: string }>(
      'admin',
      'POST',
      '/api/mandates',
      { decisionId: up.body.id, kind: 'police_check', recipientId: 'PZ-5292', deadline: 'P1D' },
      why,
    );
    expect(m.status).toBe(201);
    expect((await t.as('admin', 'POST', `/api/mandates/${m.body.id}/acknowledge`, {}, why)).status).toBe(200);
    const report = await t.as(
      'admin',
      'POST',
      `/api/mandates/${m.body.id}/report`,
      { outcome: 'person_absent', text: 'niemand zu Hause' },
      why,
    );
    expect(report.status).toBe(200);

    const [mail] = await eventually(
      async () =>
        mailsTo('staatsanwaltschaft@eupen.example').length > 0
          ? mailsTo('staatsanwaltschaft@eupen.example')
          : undefined,
      40_000,
      'the breach e-mail to the parquet of Eupen',
    );
    expect(mail!.subject).toBe('I+: Verstoß gemeldet — TAP-EUPEN-2026-MAIL03');
    expect(mail!.headers.get('content-language')).toBe('de');
    expect(mail!.text).toContain('Für die Person aus Entscheidung TAP-EUPEN-2026-MAIL03 wurde ein Verstoß');
    expect(mail!.text).not.toMatch(/Schmitz|Karl|Klosterstraße/i);
    for (const secret of ['85073003328', 'Klosterstraße', 'niemand zu Hause'])
      expect(mail!.text).not.toContain(secret);

    const hook = await eventually(async () => hooks[0], 20_000, 'the webhook');
    const check = verifyWebhook(SECRET, hook.headers[SIGNATURE_HEADER] as string, hook.body, new Date());
    expect(check.ok).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'breach',
      agencyId: 'PAR-EUPEN',
      decision: { id: up.body.id, reference: 'TAP-EUPEN-2026-MAIL03' },
      mandateId: m.body.id,
      message: { language: 'de', subject: 'I+: Verstoß gemeldet — TAP-EUPEN-2026-MAIL03' },
    });
    expect(Object.keys(JSON.parse(hook.body) as object).sort()).toEqual([
      'agencyId',
      'decision',
      'event',
      'id',
      'mandateId',
      'message',
      'occurredAt',
    ]);
    expect(hook.body).not.toMatch(/Schmitz|Karl|Klosterstraße|85073003328|niemand zu Hause/i);
    expect(hook.headers[MESSAGE_ID_HEADER]).toMatch(/^N-\d+:webhook$/);

    const log = await t.as<Array<{ channel: string; status: string }>>(
      'admin',
      'GET',
      '/api/agencies/PAR-EUPEN/messages',
    );
    expect(log.body.map((x) => `${x.channel}:${x.status}`).sort()).toEqual(['email:sent', 'webhook:sent']);
  });
});
