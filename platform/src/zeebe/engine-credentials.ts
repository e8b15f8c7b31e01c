import * as fs from 'node:fs';
import type { ZBClientOptions } from 'zeebe-node';
import { OperationalError } from '../errors';

/**
 * How the platform proves itself to the engine, the way Camunda 8 clients do: Basic credentials
 * (Camunda 8.8 self-managed, and the embedded engine's default), OAuth 2 client credentials
 * (ZEEBE_CLIENT_ID / ZEEBE_CLIENT_SECRET at ZEEBE_AUTHORIZATION_SERVER_URL for ZEEBE_TOKEN_AUDIENCE),
 * or none (a cluster without authentication).
 */
export type EngineCredentials =
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'oauth';
      clientId: string;
      clientSecret: string;
      /** The token endpoint (ZEEBE_AUTHORIZATION_SERVER_URL). */
      tokenUrl: string;
      audience: string;
      scope?: string;
    }
  | { kind: 'none' };

/** Credentials plus transport: TLS to the gateway on request, checked against a given CA or the system's. */
export interface EngineConnection {
  credentials: EngineCredentials;
  /** ZEEBE_SECURE_CONNECTION: TLS to the gRPC gateway. */
  secure?: boolean;
  /** ZEEBE_CA_CERTIFICATE_PATH: a PEM file the gateway's certificate must chain to. */
  caCertificatePath?: string;
}

/** zeebe-node's options for a connection (its own OAuth provider fetches and renews the tokens). */
export function zeebeClientOptions(connection: EngineConnection): Partial<ZBClientOptions> {
  const c = connection.credentials;
  const ca = connection.caCertificatePath ? fs.readFileSync(connection.caCertificatePath) : undefined;
  return {
    useTLS: connection.secure === true,
    ...(ca ? { customSSL: { rootCerts: ca } } : {}),
    ...(c.kind === 'basic' ? { basicAuth: { username: c.username, password: c.password } } : {}),
    ...(c.kind === 'oauth'
      ? {
          oAuth: {
            url: c.tokenUrl,
            audience: c.audience,
            ...(c.scope ? { scope: c.scope } : {}),
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            cacheOnDisk: false,
            ...(ca ? { customRootCert: ca } : {}),
          },
        }
      : {}),
  };
}

/**
 * The Authorization header for the engine's REST API, with the same credentials as the gRPC client
 * (Camunda 8.8 serves both from one cluster, for one audience). Tokens are reused until 30 s
 * before they expire.
 */
export function restAuthorization(credentials: EngineCredentials): () => Promise<string | undefined> {
  if (credentials.kind === 'none') return async () => undefined;
  if (credentials.kind === 'basic') {
    const value = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    return async () => value;
  }
  let cached: { token: string; until: number } | undefined;
  let inflight: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const res = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        audience: credentials.audience,
        ...(credentials.scope ? { scope: credentials.scope } : {}),
      }),
      signal: AbortSignal.timeout(10_000),
    }).catch((e: Error) => {
      throw new OperationalError(
        'engine_token_unavailable',
        `the token endpoint ${credentials.tokenUrl} did not answer: ${e.message}`,
      );
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token) {
      throw new OperationalError(
        'engine_token_unavailable',
        `the token endpoint ${credentials.tokenUrl} refused client ${credentials.clientId} (${res.status}); check ZEEBE_CLIENT_ID and ZEEBE_CLIENT_SECRET`,
      );
    }
    cached = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 60) - 30) * 1000 };
    return body.access_token;
  };
  return async () => {
    if (cached && Date.now() < cached.until) return `Bearer ${cached.token}`;
    inflight ??= fetchToken().finally(() => (inflight = undefined));
    return `Bearer ${await inflight}`;
  };
}
