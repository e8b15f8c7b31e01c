import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startPostgres, type PostgresServer } from '../../../platform/src/__fixtures__/embedded-postgres';
import { startEngineProcess, type EngineProcess } from '../../../platform/src/__fixtures__/engine-process';
import { decision, eventually, samplePdf, upload, type DemoCredential } from './iplus-process';

const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

interface Mandate {
  id: string;
  decisionId: string;
  kind: string;
  recipientId: string;
  status: string;
}

/** One `iplus platform` process on the shared database and engine. */
interface Instance {
  name: string;
  url: string;
  dataDir: string;
  child: ChildProcess;
  exited: Promise<number | string | null>;
  log(): string;
}

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `iplus-${name}-`));
  const child = spawn(process.execPath, [CLI, 'platform'], {
    env: { ...process.env, IPLUS_DATA_DIR: dataDir, IPLUS_HTTP_PORT: '0', IPLUS_DEMO: 'auto', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`instance ${name} exited: ${out}`);
      return /platform: HTTP API and web UI on (http:\/\/\S+)/.exec(out)?.[1];
    },
    60_000,
    `instance ${name} to serve`,
  );
  let lastReady = '';
  await eventually(
    async () => {
      const res = await fetch(`${url}/ready`);
      lastReady = await res.text();
      return res.status === 200 ? true : undefined;
    },
    60_000,
    `instance ${name} to be ready`,
  ).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}; /ready said ${lastReady}; log:\n${out.slice(-3000)}`);
  });
  return { name, url, dataDir, child, exited, log: () => out };
}

// Issue 13, "Done when": two `iplus platform` processes on different ports, one PostgreSQL and one
// engine, serve the same data. Uploads go to both; a mandate uploaded on A is read and acknowledged
// on B; each callback (carried out by whichever outbox claims it) reaches the receiver once.
describe('two platform instances on one PostgreSQL', () => {
  jest.setTimeout(240_000);
  let pg: PostgresServer;
  let engine: EngineProcess;
  let databaseUrl: string;
  const instances: Instance[] = [];
  let creds: Record<string, DemoCredential>;
  const deliveries = new Map<string, number>();
  let receiver: http.Server;
  let receiverUrl: string;
  let auditDir: string | undefined;

  beforeAll(async () => {
    [pg, engine] = await Promise.all([startPostgres(), startEngineProcess()]);
    databaseUrl = await pg.createDatabase();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const id = (JSON.parse(body) as { mandate: { id: string } }).mandate.id;
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    auditDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-audit-'));
    const env = {
      IPLUS_DATABASE_URL: databaseUrl,
      ZEEBE_ADDRESS: engine.address,
      CAMUNDA_REST_ADDRESS: engine.restAddress,
      // The engine process asks for its credentials; the callback receiver is on loopback.
      CAMUNDA_BASIC_AUTH_USERNAME: engine.basicAuth.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: engine.basicAuth.password,
      IPLUS_CALLBACK_ALLOW: '127.0.0.1',
      // One audit chain, so one HMAC key and one anchor for every instance (A creates them).
      IPLUS_AUDIT_KEY_FILE: path.join(auditDir, 'audit.key'),
      IPLUS_AUDIT_ANCHOR_FILE: path.join(auditDir, 'audit-anchor.json'),
    };
    // A first: it migrates the empty database and seeds the demo users; B finds them there.
    instances.push(await startInstance('A', env));
    instances.push(await startInstance('B', env));
    creds = Object.fromEntries(
      (
        JSON.parse(
          fs.readFileSync(path.join(instances[0]!.dataDir, 'platform', 'demo-credentials.json'), 'utf8'),
        ) as DemoCredential[]
      ).map((c) => [c.user, c]),
    );
  });

  afterAll(async () => {
    for (const i of instances) {
      i.child.kill('SIGTERM');
      expect(await i.exited).toBe(0);
      fs.rmSync(i.dataDir, { recursive: true, force: true });
    }
    await engine?.stop();
    await pg?.stop();
    await new Promise((r) => receiver?.close(r));
    if (engine) fs.rmSync(engine.dataDir, { recursive: true, force: true });
    if (auditDir) fs.rmSync(auditDir, { recursive: true, force: true });
  });

  const call = async <T>(on: Instance, user: string, method: string, p: string, body?: unknown) => {
    const res = await fetch(on.url + p, {
      method,
      headers: {
        authorization: `Bearer ${creds[user]!.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // a document: keep the text
    }
    return { status: res.status, body: parsed as T, bytes: text.length };
  };

  it('serve the same data: upload on A, read and acknowledge on B, every callback delivered once', async () => {
    expect(instances[0]!.url).not.toBe(instances[1]!.url);
    expect(fs.existsSync(path.join(instances[1]!.dataDir, 'platform', 'demo-credentials.json'))).toBe(false);
    const [a, b] = instances as [Instance, Instance];
    // Twelve decisions, uploaded alternately on A and B.
    const pdfs = Array.from({ length: 12 }, (_, i) => samplePdf(`two instances ${i}`));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const on = i % 2 === 0 ? a : b;
      const up = await call<{ id: string }>(
        on,
        'clerk.mons',
        'POST',
        '/api/decisions',
        upload(decision(`TAP-MONS-2026-TWO-${i}`), pdfs[i]),
      );
      expect(up.status).toBe(201);
      ids.push(up.body.id);
    }
    // Every police mandate reaches PZ-5318's inbox, whichever instance is asked.
    const police = await eventually(
      async () => {
        const inbox = await call<{ items: Mandate[] }>(b, 'agent.comines', 'GET', '/api/mandates?limit=500');
        const mine = inbox.body.items.filter((m) => ids.includes(m.decisionId) && m.kind === 'police_check');
        return mine.length === ids.length ? mine : undefined;
      },
      60_000,
      'a police mandate per decision',
    );
    const onA = await call<{ items: Mandate[] }>(a, 'agent.comines', 'GET', '/api/mandates?limit=500');
    expect(
      onA.body.items
        .filter((m) => ids.includes(m.decisionId))
        .map((m) => m.id)
        .sort(),
    ).toEqual(police.map((m) => m.id).sort());
    // The document uploaded on A is read on B, byte for byte.
    const doc = await fetch(`${b.url}/api/decisions/${ids[0]}/document`, {
      headers: { authorization: `Bearer ${creds['clerk.mons']!.token}` },
    });
    expect(doc.status).toBe(200);
    expect(Buffer.from(await doc.arrayBuffer()).equals(pdfs[0]!)).toBe(true);

    // A callback per mandate, registered on one instance; acknowledged on the other.
    for (const [i, m] of police.entries()) {
      const [register, ack] = i % 2 === 0 ? [a, b] : [b, a];
      expect(
        (
          await call(register, 'agent.comines', 'POST', `/api/mandates/${m.id}/callbacks`, {
            url: receiverUrl,
          })
        ).status,
      ).toBe(201);
      const acked = await call<Mandate>(
        ack,
        'agent.comines',
        'POST',
        `/api/mandates/${m.id}/acknowledge`,
        {},
      );
      expect(acked.body.status).toBe('acknowledged');
    }
    await eventually(
      async () => (police.every((m) => deliveries.has(m.id)) ? true : undefined),
      60_000,
      'a callback per acknowledged mandate',
    );

    // Every outbox item done, by one instance each: nothing pending, no second attempt, and each
    // callback reached the receiver exactly once (also after a few more outbox passes).
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await eventually(
        async () => {
          const { rows } = await db.query<{ n: string }>(
            'SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND given_up_at IS NULL',
          );
          return rows[0]!.n === '0' ? true : undefined;
        },
        30_000,
        'an empty outbox',
      );
      await new Promise((r) => setTimeout(r, 2500));
      const { rows } = await db.query<{ kind: string; attempts: number }>(
        'SELECT kind, attempts FROM outbox',
      );
      expect(rows.filter((r) => r.kind === 'callback')).toHaveLength(police.length);
      expect(rows.filter((r) => r.attempts !== 1)).toEqual([]);
      const audit = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
      expect(Number(audit.rows[0]!.n)).toBeGreaterThan(ids.length);
    } finally {
      await db.end();
    }
    expect(police.map((m) => deliveries.get(m.id))).toEqual(police.map(() => 1));
    // The audit chain written by both instances verifies as one chain.
    const verify = await call<{ ok: boolean }>(a, 'admin', 'GET', '/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  });
});
