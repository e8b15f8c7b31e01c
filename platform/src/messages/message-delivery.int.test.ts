import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Principal } from '../auth/roles';
import { ManualClock } from '../clock';
import { composeServiceContext } from '../compose-context';
import { uploadDecision } from '../decisions/upload-decision';
import { silentLogger } from '../logger';
import { notifyOnce, type NotificationKind } from '../notifications/notifications';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { cominesDecision, gentDecision, samplePdf } from '../__fixtures__/sample-decision';
import { openTestStore, testDatabase, testPostgres, type TestStore } from '../__fixtures__/test-store';
import { DeliverySettings } from './delivery-settings';
import { MessageDispatcher, type MessageDeliveryOptions } from './message-dispatcher';
import { recentMessages } from './message-log';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, verifyWebhook } from './webhook-signature';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };
const SECRET = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(8);
const NRN_FORMS = ['85073003328', '85.07.30-033.28', '850730'];
/** The fixture's person: no message names them (case-insensitive spellings covered by the two). */
const PERSON_FORMS = ['Dupont', 'DUPONT', 'Jean Marie', '1985-07-30'];

/** A real SMTP server (nodemailer's own smtp-server) that parses every message it accepts. */
async function startSmtp(): Promise<{ port: number; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Hook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver; `answers` are the statuses it gives in turn (the last one repeats). */
async function startReceiver(answers: number[] = [204]) {
  const received: Hook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers[Math.min(received.length - 1, answers.length - 1)]!;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/iplus`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe(`Messages outside the app on ${testDatabase}: e-mail (real SMTP) and signed webhooks`, () => {
  let store: TestStore;
  let clock: ManualClock;
  let ctx: ServiceContext;
  let settings: DeliverySettings;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let options: MessageDeliveryOptions;
  const closers: Array<() => Promise<void>> = [];

  // PostgreSQL: the file's server starts once, before the first test's clock.
  beforeAll(async () => {
    if (testDatabase === 'postgres') await testPostgres();
  }, 60_000);

  beforeEach(async () => {
    store = await openTestStore('iplus-messages-');
    clock = new ManualClock('2026-12-01T08:00:00.000Z');
    ctx = composeServiceContext({
      db: store.db,
      documents: store.documents,
      clock,
      logger: silentLogger,
      settings: { callbackAllow: ['127.0.0.1'] },
    });
    settings = new DeliverySettings(store.db, ctx.reference, ctx.audit, clock, ['127.0.0.1'], true);
    smtp = await startSmtp();
    options = {
      smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'I+ <noreply@iplus.test>' },
      publicUrl: 'https://iplus.example.be/',
      retry: { firstMs: 30_000, maxMs: 120_000, giveUpMs: 60 * 60_000 },
      callbackAllow: ['127.0.0.1'],
    };
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await smtp.close();
    await store.dispose();
  });

  function dispatcher(db = store.db): MessageDispatcher {
    const d = new MessageDispatcher(db, clock, silentLogger, ctx.reference, options);
    closers.push(() => d.stop());
    return d;
  }

  async function upload(decision: unknown): Promise<string> {
    const r = await uploadDecision(ctx, admin, {
      decision,
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    return r.decision.id;
  }

  function notify(kind: string, agencyId: string, decisionId: string, mandateId?: string): Promise<string> {
    return transact(ctx.db, (trx) =>
      notifyOnce(trx, {
        kind: kind as NotificationKind,
        agencyId,
        province: ctx.reference.agency(agencyId)?.province ?? 'BE-WHT',
        decisionId,
        mandateId,
        at: clock.now().toISOString(),
        detail: 'in-app detail: Rue de la Gare 12, 85073003328',
      }),
    );
  }

  it('an escalation reaches the Hainaut coordinator by e-mail and webhook, in French, once, with the link and no national number', async () => {
    const hook = await startReceiver();
    closers.push(hook.close);
    await settings.set(admin, 'COORD-BE-WHT', {
      emails: ['Coordination.Hainaut@justice.example', 'permanence@justice.example'],
      webhook: { url: hook.url, secret: SECRET },
    });
    const decisionId = await upload(cominesDecision('TAP-MONS-2026-000123'));
    const notificationId = await notify('escalation', 'COORD-BE-WHT', decisionId, `M-1-POLICE`);
    // A redelivered job writes the same notification again: no second message.
    expect(await notify('escalation', 'COORD-BE-WHT', decisionId, `M-1-POLICE`)).toBe(notificationId);

    const d = dispatcher();
    expect(await d.runDue()).toBe(2);
    expect(await d.runDue()).toBe(0);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
      'coordination.hainaut@justice.example',
      'permanence@justice.example',
    ]);
    expect(mail.from?.value).toEqual([{ name: 'I+', address: 'noreply@iplus.test' }]);
    expect(mail.subject).toBe('I+ : mandat non accusé — TAP-MONS-2026-000123');
    expect(mail.headers.get('content-language')).toBe('fr');
    expect(mail.messageId).toBe(`<${notificationId}.email@iplus>`);
    expect(mail.text).toContain("n'a pas été accusé dans le délai");
    expect(mail.text).toContain('Un mandat relatif à la personne de la décision TAP-MONS-2026-000123');
    expect(mail.text).toContain('Mandat: M-1-POLICE');
    expect(mail.text).toContain(`Ouvrir le dossier: https://iplus.example.be/#/decisions/${decisionId}`);
    for (const secret of [...NRN_FORMS, ...PERSON_FORMS, 'Rue de la Gare', 'contact'])
      expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);

    expect(hook.received).toHaveLength(1);
    const [call] = hook.received;
    expect(call!.headers['content-type']).toBe('application/json');
    expect(call!.headers[MESSAGE_ID_HEADER]).toBe(`${notificationId}:webhook`);
    const check = verifyWebhook(SECRET, call!.headers[SIGNATURE_HEADER] as string, call!.body, clock.now());
    expect(check).toEqual({ ok: true, at: clock.now() });
    // The same signature is refused with another secret, another body, or outside the replay window.
    expect(
      verifyWebhook('x'.repeat(40), call!.headers[SIGNATURE_HEADER] as string, call!.body, clock.now()).ok,
    ).toBe(false);
    expect(
      verifyWebhook(SECRET, call!.headers[SIGNATURE_HEADER] as string, call!.body + ' ', clock.now()).ok,
    ).toBe(false);
    const later = new Date(clock.now().getTime() + 301_000);
    expect(verifyWebhook(SECRET, call!.headers[SIGNATURE_HEADER] as string, call!.body, later)).toEqual({
      ok: false,
      reason: expect.stringContaining('replay window'),
    });
    const payload = JSON.parse(call!.body) as Record<string, unknown>;
    // Every field of the body, exactly: the case by id, reference and link, the words; no person.
    expect(payload).toEqual({
      id: `${notificationId}:webhook`,
      event: 'escalation',
      occurredAt: clock.now().toISOString(),
      agencyId: 'COORD-BE-WHT',
      decision: {
        id: decisionId,
        reference: 'TAP-MONS-2026-000123',
        link: `https://iplus.example.be/#/decisions/${decisionId}`,
      },
      mandateId: 'M-1-POLICE',
      message: {
        language: 'fr',
        subject: 'I+ : mandat non accusé — TAP-MONS-2026-000123',
        text: expect.stringContaining("n'a pas été accusé dans le délai"),
      },
    });
    for (const secret of [...NRN_FORMS, ...PERSON_FORMS, 'Rue de la Gare'])
      expect(call!.body).not.toContain(secret);

    const log = await recentMessages(store.db, 'COORD-BE-WHT', 10);
    expect(log.map((m) => [m.channel, m.status, m.attempts])).toEqual(
      expect.arrayContaining([
        ['email', 'sent', 1],
        ['webhook', 'sent', 1],
      ]),
    );
  });

  it('writes in the recipient agency language: Dutch in East Flanders, German in Eupen, both French and Dutch in Brussels', async () => {
    for (const agency of ['COORD-BE-VOV', 'PZ-5291', 'PZ-5339', 'PAR-MONS-TOURNAI']) {
      await settings.set(admin, agency, { emails: [`${agency.toLowerCase()}@police.example`] });
    }
    const gent = await upload(gentDecision('SURB-GENT-2026-000077'));
    const mons = await upload(cominesDecision('TAP-MONS-2026-000124'));
    await notify('measure_ended', 'COORD-BE-VOV', gent);
    await notify('measure_revoked', 'PZ-5291', mons, 'M-2-POLICE');
    await notify('measure_revised', 'PZ-5339', mons, 'M-2-POLICE-BXL');
    await notify('breach', 'PAR-MONS-TOURNAI', mons, 'M-2-JUSTICE');
    // Kinds that stay in the app are not sent.
    await notify('old_channel', 'PAR-MONS-TOURNAI', mons);

    expect(await dispatcher().runDue()).toBe(4);
    const byRecipient = new Map(
      smtp.mails.map((m) => [(m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '') ?? '', m]),
    );
    expect([...byRecipient.keys()].sort()).toEqual([
      'coord-be-vov@police.example',
      'par-mons-tournai@police.example',
      'pz-5291@police.example',
      'pz-5339@police.example',
    ]);

    const nl = byRecipient.get('coord-be-vov@police.example')!;
    expect(nl.subject).toBe('I+: einde van de maatregel — SURB-GENT-2026-000077');
    expect(nl.headers.get('content-language')).toBe('nl');
    expect(nl.text).toContain(
      'De maatregel betreffende de persoon uit beslissing SURB-GENT-2026-000077 is beëindigd.',
    );
    expect(nl.text).toContain(`Dossier openen: https://iplus.example.be/#/decisions/${gent}`);

    const de = byRecipient.get('pz-5291@police.example')!;
    expect(de.subject).toBe('I+: Maßnahme widerrufen — TAP-MONS-2026-000124');
    expect(de.headers.get('content-language')).toBe('de');
    expect(de.text).toContain('ist mit sofortiger Wirkung widerrufen');
    expect(de.text).toContain('Auftrag: M-2-POLICE');
    // A police zone does not read decisions: its link opens its mandate.
    expect(de.text).toContain('Akte öffnen: https://iplus.example.be/#/mandates/M-2-POLICE');

    const bilingual = byRecipient.get('pz-5339@police.example')!;
    expect(bilingual.subject).toBe(
      'I+ : conditions revues — TAP-MONS-2026-000124 / I+: voorwaarden herzien — TAP-MONS-2026-000124',
    );
    expect(bilingual.text).toContain('Les conditions de la mesure');
    expect(bilingual.text).toContain('De voorwaarden van de maatregel');

    const fr = byRecipient.get('par-mons-tournai@police.example')!;
    expect(fr.subject).toBe('I+ : manquement signalé — TAP-MONS-2026-000124');
    for (const mail of smtp.mails) {
      for (const secret of [
        ...NRN_FORMS,
        ...PERSON_FORMS,
        'Peeters',
        'PEETERS',
        'Rue de la Gare',
        'Veldstraat',
        'in-app detail',
      ]) {
        expect(mail.text).not.toContain(secret);
      }
    }

    // An admin's language choice wins over the agency's own.
    await settings.set(admin, 'PZ-5339', { emails: ['pz-5339@police.example'], language: 'nl' });
    await notify('measure_ended', 'PZ-5339', mons, 'M-3-POLICE-BXL');
    expect(await dispatcher().runDue()).toBe(1);
    expect(smtp.mails.at(-1)!.subject).toBe('I+: einde van de maatregel — TAP-MONS-2026-000124');
  });

  it('retries a failing webhook with back-off on the clock, then delivers it with a fresh signature and the same id', async () => {
    const hook = await startReceiver([503, 500, 200]);
    closers.push(hook.close);
    await settings.set(admin, 'PAR-MONS-TOURNAI', { emails: [], webhook: { url: hook.url, secret: SECRET } });
    const decisionId = await upload(cominesDecision('TAP-MONS-2026-000125'));
    await notify('breach', 'PAR-MONS-TOURNAI', decisionId, 'M-4-POLICE');
    const d = dispatcher();

    expect(await d.runDue()).toBe(1); // 503
    expect(await d.runDue()).toBe(0); // not due again before 30 s
    clock.advance(29_999);
    expect(await d.runDue()).toBe(0);
    clock.advance(1);
    expect(await d.runDue()).toBe(1); // 500: the next wait doubles
    clock.advance(59_999);
    expect(await d.runDue()).toBe(0);
    clock.advance(1);
    expect(await d.runDue()).toBe(1); // 200
    clock.advance(10 * 60_000);
    expect(await d.runDue()).toBe(0);

    expect(hook.received).toHaveLength(3);
    const times = hook.received.map((h) => {
      const check = verifyWebhook(SECRET, h.headers[SIGNATURE_HEADER] as string, h.body, clock.now(), 3600);
      if (!check.ok) throw new Error(check.reason);
      return check.at.toISOString();
    });
    expect(times).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T08:00:30.000Z',
      '2026-12-01T08:01:30.000Z',
    ]);
    expect(new Set(hook.received.map((h) => h.headers[MESSAGE_ID_HEADER])).size).toBe(1);
    const [entry] = await recentMessages(store.db, 'PAR-MONS-TOURNAI', 10);
    expect(entry).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 3, lastError: null });
  });

  it('gives a message up after the retry policy, and shows why', async () => {
    const hook = await startReceiver([500]);
    closers.push(hook.close);
    await settings.set(admin, 'PAR-MONS-TOURNAI', { emails: [], webhook: { url: hook.url, secret: SECRET } });
    const decisionId = await upload(cominesDecision('TAP-MONS-2026-000126'));
    await notify('breach', 'PAR-MONS-TOURNAI', decisionId, 'M-5-POLICE');
    const d = dispatcher();
    let attempts = 0;
    for (let minute = 0; minute <= 70; minute++) {
      attempts += await d.runDue();
      clock.advance(60_000);
    }
    const [entry] = await recentMessages(store.db, 'PAR-MONS-TOURNAI', 10);
    expect(entry).toMatchObject({
      status: 'given_up',
      nextAttemptAt: null,
      lastError: expect.stringContaining('answered 500'),
    });
    // Waits of 30 s, 1 min, then 2 min (the longest): tried at minutes 0, 1, 2, 4 … 60, then never again.
    expect(attempts).toBe(entry!.attempts);
    expect(attempts).toBe(32); // minutes 0, 1, 2, then every 2 minutes up to 60
    expect(hook.received).toHaveLength(attempts);
  });

  it('an SMTP server that is down is retried; nothing is lost, and it is sent when the server answers', async () => {
    await settings.set(admin, 'COORD-BE-WHT', { emails: ['coordination.hainaut@justice.example'] });
    const decisionId = await upload(cominesDecision('TAP-MONS-2026-000127'));
    await notify('escalation', 'COORD-BE-WHT', decisionId, 'M-6-POLICE');
    await smtp.close();
    const d = dispatcher();
    expect(await d.runDue()).toBe(1);
    const [failed] = await recentMessages(store.db, 'COORD-BE-WHT', 10);
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('not accepted'),
    });

    // The platform restarts (a new dispatcher on the same store) and the SMTP server is back.
    smtp = await startSmtp();
    options.smtp = { ...options.smtp!, port: smtp.port };
    clock.advance(30_000);
    expect(await dispatcher().runDue()).toBe(1);
    expect(smtp.mails.map((m) => m.subject)).toEqual(['I+ : mandat non accusé — TAP-MONS-2026-000127']);
  });

  it('refuses settings it could not use, saying which field and why', async () => {
    const refused = await settings
      .set(admin, 'COORD-BE-WHT', {
        emails: ['not-an-address'],
        webhook: { url: 'http://169.254.169.254/latest', secret: 'short' },
      })
      .catch((e: { status: number; errors: Array<{ field: string; message: string }> }) => e);
    expect(refused).toMatchObject({ status: 400 });
    const errors = (refused as { errors: Array<{ field: string; message: string }> }).errors;
    expect(errors.map((e) => e.field)).toEqual(['emails[0]', 'webhook.url', 'webhook.secret']);
    expect(errors[1]!.message).toContain('169.254.169.254');
    expect(await settings.of('COORD-BE-WHT')).toMatchObject({ emails: [], webhook: null, updatedAt: null });
    await expect(settings.of('PZ-0000')).rejects.toMatchObject({ status: 404 });

    const noSmtp = new DeliverySettings(store.db, ctx.reference, ctx.audit, clock, [], false);
    await expect(noSmtp.set(admin, 'COORD-BE-WHT', { emails: ['a@b.example'] })).rejects.toMatchObject({
      status: 400,
      errors: [
        expect.objectContaining({ field: 'emails', message: expect.stringContaining('IPLUS_SMTP_HOST') }),
      ],
    });
  });

  if (testDatabase === 'postgres') {
    it('two platform instances on one database send each message once', async () => {
      const hook = await startReceiver([200]);
      closers.push(hook.close);
      await settings.set(admin, 'COORD-BE-WHT', {
        emails: ['coordination.hainaut@justice.example'],
        webhook: { url: hook.url, secret: SECRET },
      });
      const decisionId = await upload(cominesDecision('TAP-MONS-2026-000128'));
      for (let i = 0; i < 10; i++) await notify('escalation', 'COORD-BE-WHT', decisionId, `M-7-${i}`);
      const other = await store.reopen();
      closers.push(() => other.close());
      const [a, b] = await Promise.all([dispatcher().runDue(), dispatcher(other.db).runDue()]);
      expect(a + b).toBe(20);
      expect(smtp.mails).toHaveLength(10);
      expect(hook.received).toHaveLength(10);
      expect(new Set(hook.received.map((h) => h.headers[MESSAGE_ID_HEADER])).size).toBe(10);
    });
  }
});
