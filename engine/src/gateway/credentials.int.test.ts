import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { ZBClient } from 'zeebe-node';
import { ManualClock } from '../clock/manual-clock';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_CLIENT } from '../test-support/test-credentials';
import { startTokenIssuer, type TokenIssuer } from '../test-support/token-issuer';
import { loadGatewayService } from './proto';

jest.setTimeout(30_000);

const AUDIENCE = 'urn:iplus:engine';
const NODE_CLIENT = { clientId: 'zeebe-node', clientSecret: 'zeebe-node-secret-for-tests' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

type Answer = { code: number; details: string } | { code: 0; value: unknown };

/**
 * Given an engine that accepts the test client's Basic credentials and OAuth tokens from a real
 * OpenID provider (oidc-provider) for one audience, when any gateway call arrives, then it runs only
 * with valid credentials; every other call gets UNAUTHENTICATED (16) saying what is wrong.
 */
describe('gateway credentials: one door in front of every RPC', () => {
  let t: TestEngine;
  let issuer: TokenIssuer;
  let raw: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

  /** A unary call with exactly the Authorization value given (none when undefined). */
  const unary = (method: string, request: object, authorization?: string) =>
    new Promise<Answer>((resolve) => {
      const metadata = new grpc.Metadata();
      if (authorization !== undefined) metadata.set('authorization', authorization);
      raw[method]!(request, metadata, (err: grpc.ServiceError | null, value: unknown) =>
        resolve(err ? { code: err.code, details: err.details } : { code: 0, value }),
      );
    });

  /** A server-streaming call (ActivateJobs, StreamActivatedJobs): the status it ends with. */
  const streaming = (method: string, request: object, authorization?: string) =>
    new Promise<{ code: number; details: string; messages: number }>((resolve) => {
      const metadata = new grpc.Metadata();
      if (authorization !== undefined) metadata.set('authorization', authorization);
      const call = raw[method]!(request, metadata) as grpc.ClientReadableStream<unknown>;
      let messages = 0;
      call.on('data', () => messages++);
      call.on('error', (e: grpc.ServiceError) => resolve({ code: e.code, details: e.details, messages }));
      call.on('end', () => resolve({ code: 0, details: '', messages }));
    });

  beforeAll(async () => {
    issuer = await startTokenIssuer([NODE_CLIENT], 300);
    t = await startTestEngine({
      clock: new ManualClock(Date.now()),
      auth: { basic: TEST_CLIENT, oauth: { issuer: issuer.issuer, audience: AUDIENCE } },
    });
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    raw = new Gateway(t.address, grpc.credentials.createInsecure()) as never;
    await t.deploy(__dirname, 'conformance.bpmn');
  });
  afterAll(async () => {
    raw.close();
    await t.close();
    await issuer.close();
  });

  it('a call without credentials is refused, and says how to authenticate', async () => {
    const answer = await unary('Topology', {});
    expect(answer).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    expect((answer as { details: string }).details).toMatch(/no credentials.*Bearer.*Basic/);
  });

  it('the attack: deploying a changed model and cancelling an instance without credentials change nothing', async () => {
    const before = t.query('SELECT count(*) AS n FROM process_definition');
    const deploy = await unary('DeployResource', {
      resources: [{ name: 'x.bpmn', content: Buffer.from('<definitions/>') }],
    });
    expect(deploy.code).toBe(grpc.status.UNAUTHENTICATED);
    const created = await t.zbc.createProcessInstance({
      bpmnProcessId: 'conformance',
      variables: { ref: 'D-1' },
    });
    const cancel = await unary('CancelProcessInstance', { processInstanceKey: created.processInstanceKey });
    expect(cancel.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(t.instanceState(created.processInstanceKey)).toBe('ACTIVE');
    expect(t.query('SELECT count(*) AS n FROM process_definition')).toEqual(before);
  });

  it('streaming calls are behind the same door: ActivateJobs and StreamActivatedJobs hand out no job', async () => {
    await t.zbc.createProcessInstance({ bpmnProcessId: 'conformance', variables: { ref: 'D-2' } });
    const request = { type: 'conformance-work', worker: 'thief', timeout: 60_000, maxJobsToActivate: 10 };
    const activate = await streaming('ActivateJobs', { ...request, requestTimeout: 1000 });
    expect(activate).toMatchObject({ code: grpc.status.UNAUTHENTICATED, messages: 0 });
    const stream = await streaming('StreamActivatedJobs', request, 'Basic Zm9vOmJhcg==');
    expect(stream).toMatchObject({ code: grpc.status.UNAUTHENTICATED, messages: 0 });
    expect(stream.details).toBe('wrong client id or secret');
  });

  it('Basic: the right client id and secret pass; a wrong secret, a wrong id or a malformed value do not', async () => {
    expect((await unary('Topology', {}, basic(TEST_CLIENT.clientId, TEST_CLIENT.clientSecret))).code).toBe(0);
    for (const [authorization, why] of [
      [basic(TEST_CLIENT.clientId, TEST_CLIENT.clientSecret + 'x'), 'wrong client id or secret'],
      [basic('someone-else', TEST_CLIENT.clientSecret), 'wrong client id or secret'],
      ['Basic bm8tY29sb24=', 'malformed Basic credentials'],
      ['Digest abc', 'unsupported authorization scheme "digest"'],
    ]) {
      const answer = await unary('Topology', {}, authorization);
      expect(answer).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      expect((answer as { details: string }).details).toContain(why);
    }
  });

  it('OAuth: a token from the issuer for this audience passes', async () => {
    const token = await issuer.token(NODE_CLIENT, AUDIENCE);
    expect((await unary('Topology', {}, `Bearer ${token}`)).code).toBe(0);
  });

  it('OAuth: a token for another audience is refused', async () => {
    const token = await issuer.token(NODE_CLIENT, 'urn:another:api');
    const answer = await unary('Topology', {}, `Bearer ${token}`);
    expect(answer).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      details: `the bearer token is not for this engine: its audience must be ${AUDIENCE}`,
    });
  });

  it('OAuth: a token with the right claims but another signature is refused', async () => {
    const genuine = decodeJwt(await issuer.token(NODE_CLIENT, AUDIENCE));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...genuine, exp: Math.floor(t.clock.now() / 1000) + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .sign(privateKey);
    const answer = await unary('Topology', {}, `Bearer ${forged}`);
    expect(answer).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      details: `the bearer token's signature does not verify with the keys of ${issuer.issuer}`,
    });
    const garbage = await unary('Topology', {}, 'Bearer not.a.jwt');
    expect((garbage as { details: string }).details).toMatch(/not a valid JWT/);
  });

  it('zeebe-node with OAuth (as against Camunda 8): deploys, starts and works an instance to its end', async () => {
    const zbc = new ZBClient(t.address, {
      useTLS: false,
      loglevel: 'NONE',
      retry: false,
      oAuth: {
        url: issuer.tokenUrl,
        audience: AUDIENCE,
        clientId: NODE_CLIENT.clientId,
        clientSecret: NODE_CLIENT.clientSecret,
        cacheOnDisk: false,
      },
    } as never);
    try {
      await zbc.deployResource({ processFilename: path.join(__dirname, 'conformance.bpmn') });
      const { processInstanceKey } = await zbc.createProcessInstance({
        bpmnProcessId: 'conformance',
        variables: { ref: 'O-1' },
      });
      const jobs = await zbc.activateJobs({
        type: 'conformance-work',
        worker: 'oauth',
        maxJobsToActivate: 10,
        timeout: 60_000,
        requestTimeout: 5000,
      } as never);
      const job = jobs.find((j) => j.processInstanceKey === processInstanceKey);
      await zbc.completeJob({ jobKey: job!.key, variables: {} });
      await zbc.publishMessage({ name: 'acknowledged', correlationKey: 'O-1', variables: {} });
      expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    } finally {
      await zbc.close();
    }
  });

  it('zeebe-node with Basic passes; without credentials it gets UNAUTHENTICATED', async () => {
    const withBasic = new ZBClient(t.address, {
      useTLS: false,
      loglevel: 'NONE',
      retry: false,
      basicAuth: { username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret },
    });
    const without = new ZBClient(t.address, { useTLS: false, loglevel: 'NONE', retry: false });
    try {
      expect((await withBasic.topology()).brokers).toHaveLength(1);
      await expect(without.topology()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    } finally {
      await withBasic.close();
      await without.close();
    }
  });
  // last: it moves the engine's clock past the tokens issued so far
  it('OAuth: a token that was accepted is refused once expired (engine clock, no second of grace)', async () => {
    const token = await issuer.token(NODE_CLIENT, AUDIENCE);
    const exp = decodeJwt(token).exp! * 1000;
    t.clock.advance(exp - 1 - t.clock.now());
    expect((await unary('Topology', {}, `Bearer ${token}`)).code).toBe(0); // verified, and remembered
    t.clock.advance(1);
    const answer = await unary('Topology', {}, `Bearer ${token}`);
    expect(answer).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    expect((answer as { details: string }).details).toContain('expired');
  });
});
