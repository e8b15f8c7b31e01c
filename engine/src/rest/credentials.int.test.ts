import { ManualClock } from '../clock/manual-clock';
import { startEngine, type RunningEngine } from '../index';
import { TEST_AUTHORIZATION, TEST_CLIENT } from '../test-support/test-credentials';
import { startTokenIssuer, type TokenIssuer } from '../test-support/token-issuer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

jest.setTimeout(30_000);

const AUDIENCE = 'urn:iplus:engine';
const CLIENT = { clientId: 'operations', clientSecret: 'operations-secret-for-tests' };

/**
 * Given the engine's read API (which serves variables that can hold names and national register
 * numbers), when a request arrives, then it is answered only with the gateway's credentials;
 * otherwise 401 problem+json saying what is missing, and nothing of the data.
 */
describe('read API credentials: the same door as the gateway', () => {
  let running: RunningEngine;
  let issuer: TokenIssuer;
  let dataDir: string;
  const get = (p: string, authorization?: string) =>
    fetch(running.restAddress + p, { headers: authorization ? { authorization } : {} });
  const search = (authorization?: string) =>
    fetch(running.restAddress + '/v2/variables/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ filter: {} }),
    });

  beforeAll(async () => {
    issuer = await startTokenIssuer([CLIENT]);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-rest-auth-'));
    running = await startEngine({
      dataDir,
      gatewayHost: '127.0.0.1',
      gatewayPort: 0,
      restPort: 0,
      clock: new ManualClock(Date.now()),
      auth: { basic: TEST_CLIENT, oauth: { issuer: issuer.issuer, audience: AUDIENCE } },
    });
  });
  afterAll(async () => {
    await running.close();
    await issuer.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('without credentials: 401 problem+json naming what to send, on every path (even unknown ones)', async () => {
    for (const res of [await search(), await get('/v2/topology'), await get('/v2/no-such-thing')]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer, Basic');
      const body = (await res.json()) as { title: string; detail: string; items?: unknown };
      expect(body.title).toBe('UNAUTHENTICATED');
      expect(body.detail).toMatch(/^no credentials/);
      expect(body.items).toBeUndefined();
    }
  });

  it('with wrong credentials: 401 saying what is wrong', async () => {
    const wrong = await search(`Basic ${Buffer.from(`${TEST_CLIENT.clientId}:guess`).toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { detail: string }).detail).toBe('wrong client id or secret');
    const otherAudience = await search(`Bearer ${await issuer.token(CLIENT, 'urn:another:api')}`);
    expect(otherAudience.status).toBe(401);
    expect(((await otherAudience.json()) as { detail: string }).detail).toContain(
      `audience must be ${AUDIENCE}`,
    );
  });

  it('with Basic credentials or a bearer token: 200', async () => {
    const withBasic = await search(TEST_AUTHORIZATION);
    expect(withBasic.status).toBe(200);
    expect(await withBasic.json()).toMatchObject({ items: [] });
    const withToken = await get('/v2/topology', `Bearer ${await issuer.token(CLIENT, AUDIENCE)}`);
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toMatchObject({ clusterSize: 1 });
  });
});
