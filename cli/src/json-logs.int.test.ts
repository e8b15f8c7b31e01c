import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// Issue 13: with IPLUS_LOG_FORMAT=json every line is one JSON object; one request id follows a
// decision from its upload to its workers; and no line carries the person's national register
// number or name, through upload, routing, mandates, an acknowledgement, a report naming the person,
// the access report, the case's early erasure and a purge (issue 16), at the debug level; and what
// flows out on the way (a callback, the breach's e-mail through a real SMTP server and its webhook)
// is delivered, carries neither, and logs neither.
const main = path.join(__dirname, '..', 'dist', 'main.js');
const NRN = '85073003328';
const LAST_NAME = 'Vandersmissen';
const FIRST_NAMES = 'Griet Amelie';
const BIRTH_DATE = '1985-07-30';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const decision = {
  reference: 'TAP-MONS-2026-JSONLOG',
  authority: 'sentence_enforcement_court',
  court: "Tribunal de l'application des peines de Mons",
  decisionDate: '2026-11-20',
  measure: 'conditional_release',
  electronicMonitoring: false,
  prisonId: 'PRISON-TOURNAI',
  conditions: { general: ['no_new_offences', 'fixed_address'], particular: [] },
  person: {
    nrn: NRN,
    lastName: LAST_NAME,
    firstNames: FIRST_NAMES,
    birthDate: BIRTH_DATE,
    domicile: {
      street: 'Rue de la Gare',
      number: '12',
      box: '',
      postalCode: '7780',
      municipalityNis: '57097',
    },
  },
};

interface Answer {
  id: string;
  mandates: Array<{ id: string; kind: string }>;
}

interface Line {
  time: string;
  level: string;
  source: string;
  msg: string;
  requestId?: string;
  decisionId?: string;
  type?: string;
  route?: string;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the local receivers got: e-mails (subject and text, decoded) and HTTP bodies by path. */
interface Outside {
  mails: string[];
  posts: Array<{ path: string; body: string }>;
}

describe('IPLUS_LOG_FORMAT=json', () => {
  jest.setTimeout(180_000);
  let child: ChildProcess;
  let out = '';
  let err = '';
  let dataDir: string;
  const outside: Outside = { mails: [], posts: [] };
  let smtp: SMTPServer;
  let receiver: http.Server;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            outside.mails.push(`${mail.subject ?? ''}\n${mail.text ?? ''}`);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        outside.posts.push({ path: req.url ?? '', body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-jsonlogs-'));
    child = spawn(process.execPath, [main, 'start'], {
      env: {
        ...process.env,
        IPLUS_DATA_DIR: dataDir,
        IPLUS_HTTP_PORT: '0',
        IPLUS_GATEWAY_PORT: '0',
        IPLUS_ENGINE_REST_PORT: '0',
        IPLUS_DEMO: 'on',
        IPLUS_LOG_FORMAT: 'json',
        IPLUS_LOG_LEVEL: 'debug',
        IPLUS_SMTP_HOST: '127.0.0.1',
        IPLUS_SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
        IPLUS_SMTP_TLS: 'none',
        IPLUS_CALLBACK_ALLOW: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('logs JSON lines, follows the upload with its request id, and never names the person', async () => {
    const url = await until(
      'the platform',
      async () => /HTTP API and web UI on (http:\/\/[^\s"]+)/.exec(out)?.[1],
    );
    await until('ready', async () => ((await fetch(`${url}/ready`)).status === 200 ? true : undefined));
    const creds = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'platform', 'demo-credentials.json'), 'utf8'),
    ) as Array<{ user: string; token: string }>;
    const token = (user: string) => creds.find((c) => c.user === user)!.token;
    const api = async (user: string, method: string, p: string, body?: unknown) => {
      const res = await fetch(url + p, {
        method,
        headers: {
          authorization: `Bearer ${token(user)}`,
          'x-justification': 'log scan test',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return {
        status: res.status,
        requestId: res.headers.get('x-request-id'),
        body: (await res.json()) as Answer,
      };
    };

    const up = await api('clerk.mons', 'POST', '/api/decisions', {
      decision,
      document: { fileName: 'decision.pdf', contentBase64: pdf.toString('base64') },
    });
    expect(up.status).toBe(201);
    expect(up.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const decisionId = up.body.id;
    const mandate = await until('the police mandate', async () => {
      const d = await api('clerk.mons', 'GET', `/api/decisions/${decisionId}`);
      return d.body.mandates.find((m) => m.kind === 'police_check');
    });
    await api('agent.comines', 'GET', `/api/mandates/${mandate.id}`);
    // What flows out: the acknowledgement's callback, the breach's e-mail and webhook to the parquet.
    const hooks = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const callback = await api('agent.comines', 'POST', `/api/mandates/${mandate.id}/callbacks`, {
      url: `${hooks}/callback`,
    });
    expect(callback.status).toBe(201);
    const delivery = await api('admin', 'PUT', '/api/agencies/PAR-MONS-TOURNAI/delivery', {
      emails: ['parquet.mons@justice.example'],
      webhook: { url: `${hooks}/webhook`, secret: 'log-scan-webhook-secret-0123456789abcdef' },
    });
    expect(delivery.status).toBe(200);
    const ack = await api('agent.comines', 'POST', `/api/mandates/${mandate.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    // The acknowledgement reaches the engine: the outbox drains (an admin sees its depth in /health).
    await until('the outbox to drain', async () => {
      const h = (await (
        await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token('admin')}` } })
      ).json()) as { details: { store: { pendingOutbox: number } } };
      return h.details.store.pendingOutbox === 0 ? true : undefined;
    });

    // Issue 16: a report that names the person, the access report, the erasure and a purge.
    const report = await api('agent.comines', 'POST', `/api/mandates/${mandate.id}/report`, {
      outcome: 'person_absent',
      text: `${FIRST_NAMES} ${LAST_NAME} (${NRN}) was not at the address`,
    });
    expect(report.status).toBe(200);
    await until('the callback, the breach e-mail and its webhook', async () =>
      outside.mails.length > 0 &&
      outside.posts.some((p) => p.path === '/callback') &&
      outside.posts.some((p) => p.path === '/webhook')
        ? true
        : undefined,
    );
    const access = await api('admin', 'POST', '/api/admin/access-reports', {
      nrn: NRN,
      justification: 'log scan test: access report',
    });
    expect(access.status).toBe(200);
    const erased = await api('admin', 'POST', '/api/admin/erasures', {
      decisionId,
      justification: `log scan test: erase ${LAST_NAME}'s case entered by mistake`,
    });
    expect(erased.status).toBe(201);
    expect((await api('admin', 'POST', '/api/admin/purge', {})).status).toBe(200);

    const lines = parse();
    expect(lines.length).toBeGreaterThan(20);
    // The upload's request and each job of its process carry the upload's request id.
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'http request', route: '/api/decisions', requestId: up.requestId }),
    );
    const jobs = lines.filter((l) => l.msg === 'job handled' && l.decisionId === decisionId);
    expect(jobs.map((j) => j.type)).toEqual(
      expect.arrayContaining(['iplus:create-signalement', 'iplus:issue-mandate']),
    );
    // (the jobs the upload started; the breach report's job, iplus:report-breach, follows the report's
    // message publication, not a request)
    const uploadJobs = jobs.filter(
      (j) => j.type === 'iplus:create-signalement' || j.type === 'iplus:issue-mandate',
    );
    for (const j of uploadJobs)
      expect({ type: j.type, requestId: j.requestId }).toEqual({ type: j.type, requestId: up.requestId });

    // No line, at any level, names the person; nor does anything that left iplus.
    const raw = `${out}\n${err}`.split('\n').filter(Boolean);
    const sent = [...outside.mails, ...outside.posts.map((p) => p.body)];
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const secret of [
      NRN,
      '85.07.30-033.28',
      LAST_NAME,
      FIRST_NAMES,
      'Griet',
      BIRTH_DATE,
      'Rue de la Gare',
    ]) {
      const leaks = raw.filter((l) => l.includes(secret));
      expect({ secret, leaks }).toEqual({ secret, leaks: [] });
      const sentLeaks = sent.filter((m) => m.includes(secret));
      expect({ secret, sentLeaks }).toEqual({ secret, sentLeaks: [] });
    }
  });

  /** Every stdout line parsed as JSON: a line that is not an object fails the test. */
  function parse(): Line[] {
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const v = JSON.parse(l) as Line;
        expect(typeof v.time).toBe('string');
        expect(['error', 'warn', 'info', 'debug']).toContain(v.level);
        expect(typeof v.msg).toBe('string');
        return v;
      });
  }
});
