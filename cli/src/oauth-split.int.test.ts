import { startIplus, type IplusProcess } from '../../test/e2e/platform/iplus-process';
import { startTokenIssuer, type TokenIssuer } from '../../engine/src/test-support/token-issuer';

jest.setTimeout(120_000);

const AUDIENCE = 'urn:iplus:engine';
const PLATFORM = { clientId: 'iplus-platform-oauth', clientSecret: 'platform-secret-for-tests' };

/**
 * Given `iplus engine` that accepts only OAuth tokens from an OpenID provider (oidc-provider, run
 * by the test) and `iplus platform` configured as a Camunda 8 client (ZEEBE_CLIENT_ID,
 * ZEEBE_CLIENT_SECRET, ZEEBE_AUTHORIZATION_SERVER_URL, ZEEBE_TOKEN_AUDIENCE), when they start, then
 * the platform deploys its models and routing over gRPC and reads the operations view over REST
 * with client-credentials tokens: the same settings reach a Camunda 8 cluster.
 */
describe('iplus engine + iplus platform with OAuth client credentials', () => {
  let issuer: TokenIssuer;
  let iplus: IplusProcess | undefined;
  beforeAll(async () => {
    issuer = await startTokenIssuer([PLATFORM]);
  });
  afterAll(async () => {
    await iplus?.stop('SIGTERM');
    await issuer.close();
  });

  it('the platform gets ready and the operations view reads the engine', async () => {
    iplus = await startIplus({
      split: true,
      env: {
        IPLUS_ENGINE_CLIENT_SECRET: '', // no Basic client: a token is the only way in
        IPLUS_ENGINE_OAUTH_ISSUER: issuer.issuer,
        IPLUS_ENGINE_OAUTH_AUDIENCE: AUDIENCE,
        ZEEBE_AUTHORIZATION_SERVER_URL: issuer.tokenUrl,
        ZEEBE_CLIENT_ID: PLATFORM.clientId,
        ZEEBE_CLIENT_SECRET: PLATFORM.clientSecret,
        ZEEBE_TOKEN_AUDIENCE: AUDIENCE,
        CAMUNDA_REST_ADDRESS: '',
      },
    });
    const engineLog = iplus.engineLog();
    expect(engineLog).toMatch(
      /every call needs a bearer token from http:\/\/127\.0\.0\.1:\d+ for urn:iplus:engine/,
    );
    expect(engineLog).not.toMatch(/Basic credentials of client/);
    // /ready: the models and routing tables were deployed over gRPC with the platform's tokens
    expect((await fetch(`${iplus.url}/ready`)).status).toBe(200);
    // the operations view reads the engine's REST API with a token too
    const search = await iplus.as<{ items: Array<{ processDefinitionId: string }> }>(
      'admin',
      'POST',
      '/api/operations/v2/process-definitions/search',
      { filter: {} },
    );
    expect(search.status).toBe(200);
    expect(search.body.items.map((d) => d.processDefinitionId)).toContain('conditional-release');
    // and without a token the engine's REST API answers 401
    const rest = /Camunda v2 REST\) on (\S+)/.exec(engineLog)![1]!;
    expect((await fetch(`${rest}/v2/topology`)).status).toBe(401);
  });
});
