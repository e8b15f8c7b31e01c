import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { EngineAuthOptions } from '../auth/client-authenticator';
import { TEST_CLIENT } from './test-credentials';
import { startTokenIssuer, type TokenIssuer } from './token-issuer';

const run = promisify(execFile);
/** The zbctl binary that `npx zbctl` runs (npm package zbctl 8.4). */
export const ZBCTL = path.join(path.dirname(require.resolve('zbctl/package.json')), 'bin', 'zbctl');
const AUDIENCE = 'urn:iplus:engine';
const CLIENT = { clientId: 'zbctl', clientSecret: 'zbctl-secret-for-tests' };

/** zbctl with OAuth client credentials from a token issuer of its own (zbctl 8.4 has no Basic). */
export interface ZbctlClient {
  issuer: TokenIssuer;
  /** `auth` for an engine zbctl (and the harness's Basic client) may call. */
  auth: EngineAuthOptions;
  /** Runs zbctl against `address` with the credentials; resolves with stdout. */
  run(address: string, ...args: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startZbctlClient(): Promise<ZbctlClient> {
  const issuer = await startTokenIssuer([CLIENT]);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-zbctl-'));
  const credentials = [
    ...['--clientId', CLIENT.clientId, '--clientSecret', CLIENT.clientSecret],
    ...['--authzUrl', issuer.tokenUrl, '--audience', AUDIENCE],
    ...['--clientCache', path.join(cacheDir, 'credentials')],
  ];
  return {
    issuer,
    auth: { basic: TEST_CLIENT, oauth: { issuer: issuer.issuer, audience: AUDIENCE } },
    async run(address, ...args) {
      const { stdout } = await run(ZBCTL, ['--insecure', '--address', address, ...credentials, ...args], {
        timeout: 20_000,
      });
      return stdout;
    },
    async close() {
      await issuer.close();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
