import { ZBClient } from 'zeebe-node';
import { startEngineProcess, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';
import { OperationalError } from '../errors';
import { EngineClient } from './engine-client';
import { zeebeClientOptions } from './engine-credentials';

jest.setTimeout(60_000);

/**
 * Given `iplus engine` requiring Basic credentials, when the platform is configured with the wrong
 * ones, then it says so (an operational error naming the credentials to fix), on gRPC and REST
 * alike; with the right ones it works.
 */
describe("the platform's engine credentials", () => {
  let engine: EngineProcess;
  let t: TestPlatform | undefined;
  beforeAll(async () => {
    engine = await startEngineProcess();
  });
  afterAll(async () => {
    await t?.close();
    await engine.stop();
  });

  it('gRPC: the right credentials reach the engine; wrong ones are an operational error saying what to fix', async () => {
    const client = (password: string) =>
      new EngineClient(
        new ZBClient(engine.address, {
          ...zeebeClientOptions({
            credentials: { kind: 'basic', username: engine.basicAuth.username, password },
          }),
          loglevel: 'NONE',
          retry: false,
        }),
      );
    const right = client(engine.basicAuth.password);
    const wrong = client('not-the-secret');
    try {
      expect(await right.topology()).toMatchObject({ brokers: 1 });
      const refusal = await wrong.topology().catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(OperationalError);
      expect(refusal).toMatchObject({ code: 'engine_credentials_refused' });
      expect((refusal as OperationalError).detail).toMatch(
        /refused the platform's credentials.*wrong client id or secret/,
      );
    } finally {
      await right.zeebe.close();
      await wrong.zeebe.close();
    }
  });

  it("REST: a 401 from the engine is the operator's to fix (503), not the user's", async () => {
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      camundaRestAddress: engine.restAddress,
      engineConnection: {
        credentials: { kind: 'basic', username: engine.basicAuth.username, password: 'wrong' },
      },
    });
    const res = await t.as<{ detail: string }>(
      'analyst',
      'POST',
      '/api/operations/v2/process-definitions/search',
      {},
    );
    expect(res.status).toBe(503);
    expect(res.body.detail).toMatch(/refused the platform's credentials \(401\)/);
  });
});
