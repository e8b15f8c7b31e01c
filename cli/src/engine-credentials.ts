import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineAuthOptions } from '@iplus/engine';
import type { EngineConnection } from '@iplus/platform';
import { ConfigError } from './config/variable';
import type { Config } from './config/schema';

/** The file in the data folder holding the secret `iplus start` generated for the platform. */
export const SECRET_FILE = 'engine-client-secret';

const HOW =
  'credentials the engine checks on every call: IPLUS_ENGINE_CLIENT_SECRET (Basic, with ' +
  'IPLUS_ENGINE_CLIENT_ID; for example IPLUS_ENGINE_CLIENT_SECRET=$(openssl rand -base64 32)), or ' +
  'IPLUS_ENGINE_OAUTH_ISSUER and IPLUS_ENGINE_OAUTH_AUDIENCE (OAuth client-credentials tokens), or both; ' +
  'iplus engine never runs without them (iplus start generates a secret itself)';

/**
 * The secret of the embedded engine's Basic client: IPLUS_ENGINE_CLIENT_SECRET, else the one in the
 * data folder, created on first start (random, file mode 0600, data folder 0700).
 */
export function embeddedSecret(config: Config): string {
  if (config.engineClientSecret) return config.engineClientSecret;
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(config.dataDir, 0o700);
  const file = path.join(config.dataDir, SECRET_FILE);
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    fs.chmodSync(file, 0o600);
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (!secret) throw new Error(`${file} is empty: delete it and start again to generate a new secret`);
  return secret;
}

/**
 * What the engine accepts. `generatedSecret` is the embedded engine's secret under `iplus start`;
 * `iplus engine` passes none and must be configured (it refuses to start otherwise, saying how).
 */
export function engineAuth(config: Config, generatedSecret?: string): EngineAuthOptions {
  const secret = config.engineClientSecret || generatedSecret;
  if (!!config.engineOauthIssuer !== !!config.engineOauthAudience) {
    const missing = config.engineOauthIssuer ? 'IPLUS_ENGINE_OAUTH_AUDIENCE' : 'IPLUS_ENGINE_OAUTH_ISSUER';
    throw new ConfigError(
      missing,
      '',
      'a value: the engine checks OAuth tokens only with both an issuer and an audience',
    );
  }
  if (!secret && !config.engineOauthIssuer) throw new ConfigError('IPLUS_ENGINE_CLIENT_SECRET', '', HOW);
  return {
    ...(secret ? { basic: { clientId: config.engineClientId, clientSecret: secret } } : {}),
    ...(config.engineOauthIssuer
      ? {
          oauth: {
            issuer: config.engineOauthIssuer,
            audience: config.engineOauthAudience,
            ...(config.engineOauthJwksUrl ? { jwksUrl: config.engineOauthJwksUrl } : {}),
          },
        }
      : {}),
  };
}

/**
 * How the platform authenticates to the engine, as a Camunda 8 client: OAuth when
 * ZEEBE_AUTHORIZATION_SERVER_URL is set, else Basic (CAMUNDA_BASIC_AUTH_*, else the embedded or
 * configured engine client), else none (an external cluster without authentication).
 */
export function platformConnection(config: Config, embeddedSecretValue?: string): EngineConnection {
  const transport = {
    secure: config.zeebeSecureConnection === 'true',
    ...(config.zeebeCaCertificatePath ? { caCertificatePath: config.zeebeCaCertificatePath } : {}),
  };
  if (config.zeebeAuthorizationServerUrl) {
    for (const [name, value] of [
      ['ZEEBE_CLIENT_ID', config.zeebeClientId],
      ['ZEEBE_CLIENT_SECRET', config.zeebeClientSecret],
      ['ZEEBE_TOKEN_AUDIENCE', config.zeebeTokenAudience],
    ] as const) {
      if (!value)
        throw new ConfigError(
          name,
          '',
          'a value: ZEEBE_AUTHORIZATION_SERVER_URL is set, so the platform requests OAuth tokens',
        );
    }
    return {
      ...transport,
      credentials: {
        kind: 'oauth',
        clientId: config.zeebeClientId,
        clientSecret: config.zeebeClientSecret,
        tokenUrl: config.zeebeAuthorizationServerUrl,
        audience: config.zeebeTokenAudience,
        ...(config.zeebeTokenScope ? { scope: config.zeebeTokenScope } : {}),
      },
    };
  }
  if (config.camundaBasicAuthUsername) {
    return {
      ...transport,
      credentials: {
        kind: 'basic',
        username: config.camundaBasicAuthUsername,
        password: config.camundaBasicAuthPassword,
      },
    };
  }
  const secret = embeddedSecretValue ?? config.engineClientSecret;
  if (secret) {
    return {
      ...transport,
      credentials: { kind: 'basic', username: config.engineClientId, password: secret },
    };
  }
  return { ...transport, credentials: { kind: 'none' } };
}
