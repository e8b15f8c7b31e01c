import { randomBytes } from 'node:crypto';
import type { EngineAuthOptions } from '../auth/client-authenticator';

/** The Basic client the engine's tests start engines with (a fresh secret per test process). */
export const TEST_CLIENT = {
  clientId: 'engine-tests',
  clientSecret: randomBytes(24).toString('base64url'),
};

/** `auth` for startEngine: the test client's Basic credentials. */
export const TEST_AUTH: EngineAuthOptions = { basic: TEST_CLIENT };

/** zeebe-node's `basicAuth` option for the test client. */
export const TEST_BASIC_AUTH = { username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret };

/** The Authorization header value of the test client (for HTTP calls to the read API). */
export const TEST_AUTHORIZATION = `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`;
