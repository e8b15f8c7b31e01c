import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

export interface DemoCredential {
  user: string;
  password: string;
  role: string;
  agencyId: string;
  token: string;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** `iplus start` (engine + platform in one process) on a data folder, as an operator runs it. */
export interface IplusProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  log(): string;
  /** What `iplus engine` printed (split mode only). */
  engineLog(): string;
  creds: Record<string, DemoCredential>;
  /** Basic credentials the engine accepts (zeebe-node's `basicAuth`): the secret iplus start generated, or the configured one. */
  engineBasicAuth: { username: string; password: string };
  as<T = unknown>(user: string, method: string, p: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** SIGTERM (graceful) or SIGKILL; resolves on exit with the exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/**
 * Starts `node cli/dist/main.js start` with a fresh (or given) data folder and free ports, waits for
 * the platform's URL in its log and for `/ready`. Needs `npx tsc -b engine platform cli`.
 */
export async function startIplus(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    readyTimeoutMs?: number;
    waitForReady?: boolean;
    /** Run the engine and the platform as two processes (`iplus engine` + `iplus platform`). */
    split?: boolean;
    /** Extra node options for the processes started (e.g. `--cpu-prof` to profile a bench). */
    nodeArgs?: string[];
  } = {},
): Promise<IplusProcess> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -b engine platform cli)`);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-e2e-'));
  const env = {
    ...process.env,
    IPLUS_DATA_DIR: dataDir,
    IPLUS_HTTP_PORT: '0',
    IPLUS_GATEWAY_PORT: '0',
    IPLUS_ENGINE_REST_PORT: '0',
    IPLUS_DEMO: 'auto',
    // two processes share the engine's Basic credentials through the environment, as an operator's would
    ...(options.split ? { IPLUS_ENGINE_CLIENT_SECRET: randomBytes(24).toString('base64url') } : {}),
    // these journeys start from the generated tables (Hainaut live, East Flanders on the old channel)
    IPLUS_DEMO_ROLLOUT: 'initial',
    ...options.env,
  };
  let engine: ChildProcess | undefined;
  let engineOut = '';
  const envWith: Record<string, string | undefined> = env;
  if (options.split) {
    engine = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'engine'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [gateway, rest] = await new Promise<[string, string]>((resolve, reject) => {
      engine!.stdout!.on('data', (c: Buffer) => {
        engineOut += c.toString();
        const m = /Zeebe gateway on ([^\s"]+)/.exec(engineOut);
        const r = /Camunda v2 REST\) on ([^\s"]+)/.exec(engineOut);
        if (m && r) resolve([m[1]!, r[1]!]);
      });
      engine!.once('exit', (code) => reject(new Error(`iplus engine exited (${code}): ${engineOut}`)));
    });
    envWith.ZEEBE_ADDRESS = gateway;
    envWith.CAMUNDA_REST_ADDRESS ||= rest;
  }
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), CLI, options.split ? 'platform' : 'start'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /platform: HTTP API and web UI on (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`iplus start exited (${code}) before serving:\n${out}`));
    });
  });
  const until = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (; options.waitForReady !== false; ) {
    const ready = await fetch(`${url}/ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > until)
      throw new Error(`not ready in time: ${ready ? await ready.text() : 'no answer'}\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const credsFile = path.join(dataDir, 'platform', 'demo-credentials.json');
  const creds = Object.fromEntries(
    (JSON.parse(fs.readFileSync(credsFile, 'utf8')) as DemoCredential[]).map((c) => [c.user, c]),
  );
  const engineBasicAuth = {
    username: envWith.IPLUS_ENGINE_CLIENT_ID ?? 'iplus-platform',
    password:
      envWith.IPLUS_ENGINE_CLIENT_SECRET ??
      fs.readFileSync(path.join(dataDir, 'engine-client-secret'), 'utf8').trim(),
  };
  return {
    url,
    dataDir,
    child,
    log: () => out,
    engineLog: () => engineOut,
    creds,
    engineBasicAuth,
    async as<T>(user: string, method: string, p: string, body?: unknown): Promise<ApiAnswer<T>> {
      const res = await fetch(url + p, {
        method,
        headers: {
          authorization: `Bearer ${creds[user]!.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      if (engine && engine.exitCode === null && engine.signalCode === null) {
        const engineExited = new Promise((r) => engine!.once('exit', r));
        engine.kill(signal);
        await engineExited;
      }
      return result;
    },
  };
}

/** Polls until `check` returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A small well-formed PDF. */
export function samplePdf(text = 'decision'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A release decision for someone domiciled in `nis` (Comines-Warneton by default). */
export function decision(
  reference: string,
  domicile: Record<string, string> = {
    street: 'Rue de la Gare',
    number: '12',
    postalCode: '7780',
    municipalityNis: '57097',
  },
  extra: Record<string, unknown> = {},
) {
  return {
    reference,
    authority: 'sentence_enforcement_court',
    court: "Tribunal de l'application des peines de Mons",
    decisionDate: '2026-11-20',
    measure: 'conditional_release',
    conditions: { general: ['no_new_offences', 'fixed_address', 'respond_to_summons'], particular: [] },
    person: { nrn: '85073003328', lastName: 'Dupont', firstNames: 'Jean', birthDate: '1985-07-30', domicile },
    ...extra,
  };
}

/** The JSON body of POST /api/decisions. */
export function upload(d: unknown, pdf = samplePdf()) {
  return { decision: d, document: { fileName: 'decision.pdf', contentBase64: pdf.toString('base64') } };
}
