import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { ManualClock } from '../clock/manual-clock';
import type { EngineAuthOptions } from '../auth/client-authenticator';
import { startEngine, type RunningEngine } from '../index';
import { TEST_AUTH } from './test-credentials';

// Engine tests talk gRPC and wait for long polls: on a loaded machine 5 s per test is too tight.
if (typeof jest !== 'undefined') jest.setTimeout(30_000);

/** A running engine on a fresh data folder and free port, a zeebe-node client, and a clock tests move. */
export interface TestEngine {
  running: RunningEngine;
  address: string;
  clock: ManualClock;
  zbc: ZBClient;
  dataDir: string;
  /** Deploys BPMN files by path (relative paths resolve against `dir`). */
  deploy(dir: string, ...files: string[]): Promise<void>;
  /** Activates one job of a type, waiting (long poll) until one exists. */
  nextJob(type: string, fetchVariable?: string[]): Promise<TestJob>;
  /** Reads the engine's tables. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** State of a process instance: ACTIVE, COMPLETED or TERMINATED. */
  instanceState(key: string): string | undefined;
  /** Root-scope variables of a process instance, parsed. */
  variables(key: string, scopeKey?: string): Record<string, unknown>;
  /** Element ids of a process instance that completed (or terminated), by end time, then creation. */
  path(key: string, state?: 'COMPLETED' | 'TERMINATED' | 'ACTIVATED'): string[];
  /** Waits until `check` holds, re-checking after each engine transaction (no fixed sleeps). */
  until(check: () => boolean, what: string): Promise<void>;
  /** Restarts the engine on the same data folder (same port-0 policy). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestJob {
  key: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  retries: number;
  deadline: string;
  variables: Record<string, unknown>;
  customHeaders: Record<string, unknown>;
}

/**
 * Starts an engine that requires credentials (by default the test client's Basic credentials,
 * which `zbc` carries; with `auth` given, `zbc` carries Basic credentials only if `auth.basic` has them).
 */
export async function startTestEngine(
  options: { dataDir?: string; clock?: ManualClock; auth?: EngineAuthOptions; rest?: boolean } = {},
): Promise<TestEngine> {
  const auth = options.auth ?? TEST_AUTH;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-engine-'));
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0));
  const start = () =>
    startEngine({
      dataDir,
      gatewayHost: '127.0.0.1',
      gatewayPort: 0,
      clock,
      defaultLongPollMs: 5000,
      auth,
      ...(options.rest ? { restPort: 0 } : {}),
    });
  let running = await start();
  const client = (address: string) =>
    new ZBClient(address, {
      loglevel: 'NONE',
      retry: false,
      longPoll: 5000,
      ...(auth.basic
        ? { basicAuth: { username: auth.basic.clientId, password: auth.basic.clientSecret } }
        : {}),
    } as never);
  let zbc = client(running.gatewayAddress);
  const t: TestEngine = {
    get running() {
      return running;
    },
    get address() {
      return running.gatewayAddress;
    },
    clock,
    get zbc() {
      return zbc;
    },
    dataDir,
    async deploy(dir, ...files) {
      for (const f of files) {
        const file = path.isAbsolute(f) ? f : path.join(dir, f);
        await zbc.deployResource({ name: path.basename(file), process: fs.readFileSync(file) });
      }
    },
    async nextJob(type, fetchVariable) {
      for (;;) {
        const jobs = await zbc.activateJobs({
          type,
          worker: 'test',
          maxJobsToActivate: 1,
          timeout: 60_000,
          requestTimeout: 5_000,
          ...(fetchVariable ? { fetchVariable } : {}),
        } as never);
        if (jobs.length > 0) return jobs[0] as unknown as TestJob;
      }
    },
    query(sql, ...params) {
      return running.engine.db.prepare(sql).all(...params) as never;
    },
    instanceState(key) {
      return t.query<{ state: string }>('SELECT state FROM process_instance WHERE key = ?', Number(key))[0]
        ?.state;
    },
    variables(key, scopeKey) {
      const rows = t.query<{ name: string; value: string }>(
        'SELECT name, value FROM variable WHERE process_instance_key = ? AND scope_key = ?',
        Number(key),
        Number(scopeKey ?? key),
      );
      return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
    },
    path(key, state = 'COMPLETED') {
      return t
        .query<{
          element_id: string;
        }>(
          'SELECT element_id FROM element_instance WHERE process_instance_key = ? AND state = ? ORDER BY end_time, key',
          Number(key),
          state,
        )
        .map((r) => r.element_id);
    },
    async until(check, what) {
      const deadline = Date.now() + 10_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await running.engine.submit(() => undefined);
        await new Promise((r) => setImmediate(r));
      }
    },
    async restart() {
      await zbc.close();
      await running.close();
      running = await start();
      zbc = client(running.gatewayAddress);
    },
    async close() {
      await zbc.close();
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
