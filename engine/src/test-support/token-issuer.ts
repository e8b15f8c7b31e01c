import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** An OAuth client the token issuer knows. */
export interface IssuerClient {
  clientId: string;
  clientSecret: string;
  /** How it authenticates at the token endpoint (zeebe-node and zbctl send the secret in the form). */
  authMethod?: 'client_secret_post' | 'client_secret_basic';
}

/** A running OpenID provider that issues client-credentials JWT access tokens. */
export interface TokenIssuer {
  /** The issuer identifier (`iss` of its tokens), `http://127.0.0.1:<port>`. */
  issuer: string;
  /** The token endpoint (ZEEBE_AUTHORIZATION_SERVER_URL, zbctl's --authzUrl). */
  tokenUrl: string;
  /** Requests a token for `audience` with client credentials, as Camunda's clients do. */
  token(client: IssuerClient, audience: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts `oidc-provider` (a certified OpenID provider) in a child process on a free port, with the
 * client-credentials grant and JWT access tokens for the audience a client asks for.
 */
export function startTokenIssuer(clients: IssuerClient[], tokenTtlSeconds = 300): Promise<TokenIssuer> {
  const child = spawn(process.execPath, [path.join(__dirname, 'token-issuer-process.mjs')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ISSUER_CLIENTS: JSON.stringify(clients),
      ISSUER_TOKEN_TTL_S: String(tokenTtlSeconds),
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const issuer = /READY (\S+)/.exec(out)?.[1];
      if (!issuer) return;
      const tokenUrl = `${issuer}/token`;
      resolve({
        issuer,
        tokenUrl,
        async token(client, audience) {
          const res = await fetch(tokenUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'client_credentials',
              client_id: client.clientId,
              client_secret: client.clientSecret,
              audience,
            }),
          });
          const body = (await res.json()) as { access_token?: string };
          if (!res.ok || !body.access_token) throw new Error(`token request failed: ${JSON.stringify(body)}`);
          return body.access_token;
        },
        close: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`token issuer exited (${code}): ${stderr}`)));
  });
}
