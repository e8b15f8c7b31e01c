import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  eventually,
  startEngineProcess,
  type EngineProcess,
} from '../../../platform/src/__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../../../platform/src/__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import type { PlatformOptions } from '../../../platform/src';

/** One HTTP request as the catalogue and the matrix describe it. */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON (content-type application/json unless `headers` says otherwise). */
  body?: string | Buffer | object;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** The tables whose row counts must not move when a request is refused. */
export const STORED_TABLES = [
  'decisions',
  'decision_events',
  'mandates',
  'signalements',
  'notifications',
  'callbacks',
  'users',
  'api_tokens',
  'routing_table_versions',
  'routing_tests',
  'model_deployments',
] as const;

/** The objects the seeded decision made: a decision, its signalement and its mandates. */
export interface Seed {
  decisionId: string;
  signalementId: string;
  policeMandateId: string;
  guidanceMandateId: string;
}

/** A real engine process and a real platform on fresh data folders, with demo users and one routed decision. */
export interface AdversarialPlatform {
  t: TestPlatform;
  engine: EngineProcess;
  seed: Seed;
  /** Sends a request as a demo user (bearer token), as `anonymous` (no credential), or with the headers given. */
  send(as: string, request: RawRequest): Promise<RawAnswer>;
  /** Row counts of every table that holds business data, plus the number of stored documents. */
  storedCounts(): Record<string, number>;
  /** Runs a read-only SQL query on the platform's database (tests only). */
  query<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

/**
 * Starts `iplus engine` (a separate process, reached over gRPC) and the platform in-process, waits
 * until the models and routing tables are deployed, and uploads the Comines-Warneton decision so
 * there are mandates and a signalement to aim at. Nothing of the engine is mocked.
 */
export async function startAdversarialPlatform(
  options: Partial<PlatformOptions> = {},
): Promise<AdversarialPlatform> {
  const engine = await startEngineProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-adv-engine-')));
  const t = await startTestPlatform({
    zeebeAddress: engine.address,
    engineConnection: engine.connection,
    camundaRestAddress: engine.restAddress,
    // the suite deploys models directly (POST /api/models); four eyes are tested in platform/src/models
    modelReview: 'off',
    ...options,
  });
  await t.platform.ready;
  const upload = await t.as<{ id: string }>(
    'clerk.mons',
    'POST',
    '/api/decisions',
    jsonUpload(cominesDecision()),
  );
  if (upload.status !== 201) throw new Error(`seed upload failed: ${JSON.stringify(upload.body)}`);
  const decisionId = upload.body.id;
  const seed = await eventually(
    async () => {
      const d = await t.as<{
        status: string;
        signalement: { id: string } | null;
        mandates: Array<{ id: string; kind: string }>;
      }>('admin', 'GET', `/api/decisions/${decisionId}`, undefined, {
        'x-justification': 'adversarial suite: waiting for the seeded decision',
      });
      const police = d.body.mandates?.find((m) => m.kind === 'police_check');
      const guidance = d.body.mandates?.find((m) => m.kind === 'guidance');
      if (!d.body.signalement || !police || !guidance) return undefined;
      return {
        decisionId,
        signalementId: d.body.signalement.id,
        policeMandateId: police.id,
        guidanceMandateId: guidance.id,
      };
    },
    30_000,
    'the seeded decision routed, signalement and mandates created',
  );
  const db = new Database(path.join(t.dataDir, 'platform.sqlite'), { readonly: true, fileMustExist: true });
  const documentsDir = path.join(t.dataDir, 'documents');

  const send = async (as: string, request: RawRequest): Promise<RawAnswer> => {
    const headers: Record<string, string> = {};
    if (as !== 'anonymous') headers.authorization = `Bearer ${t.creds[as]!.token}`;
    let body: string | Buffer | undefined;
    if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, request.headers ?? {});
    const res = await rawRequest(t.url, request.method, request.path, headers, body);
    let json: unknown;
    try {
      json = res.text ? JSON.parse(res.text) : undefined;
    } catch {
      json = undefined;
    }
    return { ...res, json };
  };

  return {
    t,
    engine,
    seed,
    send,
    storedCounts() {
      const counts: Record<string, number> = {};
      for (const table of STORED_TABLES)
        counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      counts.documents = countFiles(documentsDir);
      return counts;
    },
    query<T>(sql: string, ...params: unknown[]) {
      return db.prepare(sql).all(...params) as T[];
    },
    async close() {
      db.close();
      await t.close();
      await engine.stop();
      fs.rmSync(engine.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One request with node:http, so the path goes out byte for byte (fetch would resolve `..` and
 * `%2e%2e` segments before sending them, hiding the traversal attempts the catalogue makes).
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  requestPath: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: requestPath, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) h.append(k, x);
            else if (v !== undefined) h.set(k, String(v));
          }
          resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'tmp') continue;
    n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  }
  return n;
}

/** A multipart/form-data body: text fields and files, in order. */
export function multipart(
  parts: Array<{ name: string; value: string | Buffer; fileName?: string; type?: string }>,
  boundary = '----iplusAdversarial7MA4YWxkTrZu0gW',
): { headers: Record<string, string>; body: Buffer } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat(chunks),
  };
}
