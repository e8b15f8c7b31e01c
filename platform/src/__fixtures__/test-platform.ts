import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPlatform, type DemoCredential, type PlatformOptions, type RunningPlatform } from '../index';
import { testDatabase, testPostgres } from './test-store';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A platform on a fresh data folder and a free port, with demo users, for integration tests. */
export interface TestPlatform {
  url: string;
  dataDir: string;
  platform: RunningPlatform;
  creds: Record<string, DemoCredential>;
  /** Calls the API as a demo user (bearer token), JSON in and out. */
  as<T = unknown>(
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  close(): Promise<void>;
}

/**
 * Starts a platform for a test. Without `zeebeAddress` it points at a port nothing listens on, for
 * tests of the API that need no engine. With IPLUS_TEST_DATABASE=postgres (jest project
 * `int-postgres`) it runs on a fresh PostgreSQL database.
 */
export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-platform-'));
  const databaseUrl =
    options.databaseUrl ??
    (testDatabase === 'postgres' ? await (await testPostgres()).createDatabase() : undefined);
  const platform = await startPlatform({
    dataDir,
    databaseUrl,
    httpHost: '127.0.0.1',
    httpPort: 0,
    zeebeAddress: '127.0.0.1:1',
    demo: 'auto',
    ...options,
  });
  const creds: Record<string, DemoCredential> = Object.fromEntries(
    (
      JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredential[]
    ).map((c) => [c.user, c]),
  );
  return {
    url: platform.url,
    dataDir,
    platform,
    creds,
    async as<T>(
      user: string,
      method: string,
      p: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) {
      const res = await fetch(platform.url + p, {
        method,
        headers: {
          authorization: `Bearer ${creds[user]!.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
    async close() {
      await platform.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
