import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { ZBClient } from 'zeebe-node';
import { startEngineProcess, eventually, type EngineProcess } from '../../__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../__fixtures__/test-platform';

interface Decision {
  id: string;
  processInstanceKey: string | null;
  signalement: { id: string; register: string; externalId: string | null } | null;
  mandates: Array<{ id: string }>;
}

interface IncidentRow {
  key: number;
  state: string;
  error_type: string;
  error_message: string;
  job_key: number;
}

/** The engine's database file under its data folder (read-only look at its incidents). */
function engineDatabase(dir: string): string {
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[])
    if (path.basename(entry) === 'engine.db') return path.join(dir, entry);
  throw new Error(`no engine.db under ${dir}`);
}

// A technical failure (the external BNG endpoint is down) fails the job with retries and back-off;
// once the retries are used up the engine raises an incident; an operator fixes the cause, gives the
// job a retry and resolves the incident (Zeebe's UpdateJobRetries + ResolveIncident), and the
// process goes on — with the real engine, the real HTTP BNG adapter and a real HTTP endpoint.
describe('a failing job becomes a resolvable incident', () => {
  jest.setTimeout(90_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  let zeebe: ZBClient;
  let bngUp = false;
  const puts: string[] = [];
  const bng = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!bngUp) return res.writeHead(503).end();
      puts.push(req.url!);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"BNG-42"}');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((r) => bng.listen(0, '127.0.0.1', r));
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      modelsDir: path.join(__dirname, 'scenario'),
      bngAdapter: 'http',
      bngUrl: `http://127.0.0.1:${(bng.address() as AddressInfo).port}`,
      bngTimeoutMs: 1000,
    });
    zeebe = new ZBClient(engine.address, {
      useTLS: false,
      loglevel: 'NONE',
      retry: false,
      basicAuth: engine.basicAuth,
    });
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      40_000,
      'ready',
    );
  });
  afterAll(async () => {
    await zeebe?.close();
    await t?.close();
    await engine?.stop();
    bng.closeAllConnections();
    await new Promise<void>((r) => bng.close(() => r()));
  });

  it('retries, raises an incident once the retries are used up, and goes on once it is resolved', async () => {
    const up = await t.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-INCIDENT')),
    );
    expect(up.status).toBe(201);
    const instanceKey = await eventually(
      async () =>
        (await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`)).body.processInstanceKey ??
        undefined,
      20_000,
      'process instance',
    );
    const engineDb = new SQLite(engineDatabase(engine.dataDir), { readonly: true, fileMustExist: true });
    try {
      const incidentOf = () =>
        engineDb
          .prepare(
            'SELECT key, state, error_type, error_message, job_key FROM incident WHERE process_instance_key = ?',
          )
          .all(Number(instanceKey)) as IncidentRow[];
      const [incident] = await eventually(
        async () => {
          const rows = incidentOf();
          return rows.length > 0 ? rows : undefined;
        },
        40_000,
        'an incident once the retries are used up',
      );
      expect(incident).toMatchObject({ state: 'ACTIVE', error_type: 'JOB_NO_RETRIES' });
      expect(incident!.error_message).toMatch(/BNG|503|unavailable/i);
      // The mandates went on in parallel; the signalement is not there.
      const meanwhile = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
      expect(meanwhile.body.signalement).toBeNull();
      expect(puts).toEqual([]);

      bngUp = true;
      await zeebe.updateJobRetries({ jobKey: String(incident!.job_key), retries: 1 });
      await zeebe.resolveIncident({ incidentKey: String(incident!.key) });
      const done = await eventually(
        async () => {
          const d = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
          return d.body.signalement ? d.body : undefined;
        },
        20_000,
        'the signalement after the incident is resolved',
      );
      expect(done.signalement).toMatchObject({ register: 'bng-http', externalId: 'BNG-42' });
      expect(puts).toHaveLength(1);
      expect(incidentOf()).toEqual([expect.objectContaining({ key: incident!.key, state: 'RESOLVED' })]);
    } finally {
      engineDb.close();
    }
  });
});
