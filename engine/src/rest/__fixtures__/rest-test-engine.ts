import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { ManualClock } from '../../clock/manual-clock';
import { startEngine, type RunningEngine } from '../../index';
import { TEST_AUTH, TEST_AUTHORIZATION, TEST_BASIC_AUTH } from '../../test-support/test-credentials';

/** An engine with its read API on free ports, a zeebe-node client, a clock tests move, and HTTP helpers. */
export interface RestTestEngine {
  running: RunningEngine;
  rest: string;
  clock: ManualClock;
  zbc: ZBClient;
  /** Activates one job of a type for a worker (60 s timeout), waiting until one exists. */
  nextJob(type: string, worker?: string): Promise<{ key: string }>;
  /** Deploys the fixtures of this folder (BPMN and DMN) in one deployment. */
  deployFixtures(...names: string[]): Promise<void>;
  /** POSTs a JSON body (or raw text) and returns status, content type and parsed body. */
  post(p: string, body?: unknown): Promise<HttpAnswer>;
  get(p: string): Promise<HttpAnswer>;
  patch(p: string, body: unknown): Promise<HttpAnswer>;
  /** Waits until `check` holds, re-checking after each engine transaction (no fixed sleeps). */
  until(check: () => boolean | Promise<boolean>, what: string): Promise<void>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startRestTestEngine(): Promise<RestTestEngine> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-rest-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0));
  const running = await startEngine({
    dataDir,
    gatewayHost: '127.0.0.1',
    gatewayPort: 0,
    restPort: 0,
    clock,
    defaultLongPollMs: 2000,
    auth: TEST_AUTH,
  });
  const zbc = new ZBClient(running.gatewayAddress, {
    loglevel: 'NONE',
    retry: false,
    longPoll: 2000,
    basicAuth: TEST_BASIC_AUTH,
  } as never);
  const rest = running.restAddress!;
  const call = async (method: string, p: string, body?: unknown): Promise<HttpAnswer> => {
    const res = await fetch(rest + p, {
      method,
      headers: { 'content-type': 'application/json', authorization: TEST_AUTHORIZATION },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: type.includes('json') && text ? JSON.parse(text) : text };
  };
  return {
    running,
    rest,
    clock,
    zbc,
    async deployFixtures(...names) {
      const grpc = (zbc as unknown as { grpc: { deployResourceSync(r: unknown): Promise<unknown> } }).grpc;
      await grpc.deployResourceSync({
        resources: names.map((name) => ({ name, content: fs.readFileSync(path.join(__dirname, name)) })),
      });
    },
    async nextJob(type, worker = 'test') {
      for (;;) {
        const jobs = await zbc.activateJobs({
          type,
          worker,
          maxJobsToActivate: 1,
          timeout: 60_000,
          requestTimeout: 2_000,
        } as never);
        if (jobs.length > 0) return jobs[0] as unknown as { key: string };
      }
    },
    post: (p, body) => call('POST', p, body),
    get: (p) => call('GET', p),
    patch: (p, body) => call('PATCH', p, body),
    async until(check, what) {
      const deadline = Date.now() + 10_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await running.engine.submit(() => undefined);
        await new Promise((r) => setImmediate(r));
      }
    },
    async close() {
      await zbc.close();
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
