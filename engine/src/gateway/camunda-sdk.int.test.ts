import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ManualClock } from '../clock/manual-clock';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_CLIENT } from '../test-support/test-credentials';
import { startTokenIssuer, type TokenIssuer } from '../test-support/token-issuer';

// Spawns processes and long-polls: generous on a loaded machine.
jest.setTimeout(30_000);

const SDK_CLIENT = { clientId: 'camunda-sdk', clientSecret: 'camunda-sdk-secret-for-tests' };

describe('compatibility: the gRPC client of @camunda8/sdk works unchanged (OAuth client credentials)', () => {
  let t: TestEngine;
  let issuer: TokenIssuer;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeAll(async () => {
    issuer = await startTokenIssuer([SDK_CLIENT]);
    t = await startTestEngine({
      clock: new ManualClock(Date.now()),
      auth: { basic: TEST_CLIENT, oauth: { issuer: issuer.issuer, audience: 'urn:iplus:engine' } },
    });
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      CAMUNDA_OAUTH_URL: issuer.tokenUrl,
      ZEEBE_CLIENT_ID: SDK_CLIENT.clientId,
      ZEEBE_CLIENT_SECRET: SDK_CLIENT.clientSecret,
      ZEEBE_TOKEN_AUDIENCE: 'urn:iplus:engine',
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    } as never);
    zeebe = c8.getZeebeGrpcApiClient();
  });
  afterAll(async () => {
    await zeebe.close();
    await t.close();
    await issuer.close();
  });

  it('deploys, creates an instance and a polling worker completes it', async () => {
    await zeebe.deployResource({ processFilename: path.join(__dirname, 'conformance.bpmn') });
    const worker = zeebe.createWorker({
      taskType: 'conformance-work',
      taskHandler: (job: { complete(variables: object): unknown }) => job.complete({ via: 'sdk' }),
      pollInterval: 10,
    } as never);
    try {
      const { processInstanceKey } = await zeebe.createProcessInstance({
        bpmnProcessId: 'conformance',
        variables: { ref: 'S-1' },
      });
      await t.until(() => t.path(processInstanceKey).includes('work'), 'the worker completed the job');
      await zeebe.publishMessage({ name: 'acknowledged', correlationKey: 'S-1', variables: {} });
      expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
      expect(t.variables(processInstanceKey)).toMatchObject({ via: 'sdk' });
    } finally {
      await worker.close();
    }
  });

  it('a streaming worker (StreamActivatedJobs) receives jobs as they are created', async () => {
    // the returned promise resolves once the stream is open and the backlog polled
    const stream = await zeebe.streamJobs({
      type: 'conformance-work',
      worker: 'sdk-stream',
      timeout: 30_000,
      taskHandler: (job: { complete(variables: object): unknown }) => job.complete({ via: 'stream' }),
    } as never);
    try {
      const { processInstanceKey } = await zeebe.createProcessInstance({
        bpmnProcessId: 'conformance',
        variables: { ref: 'S-2' },
      });
      await t.until(() => t.path(processInstanceKey).includes('work'), 'the stream worker completed the job');
      expect(t.variables(processInstanceKey)).toMatchObject({ via: 'stream' });
    } finally {
      stream.close();
    }
  });

  it('UpdateJobTimeout moves the deadline of a held job', async () => {
    await zeebe.deployResource({ processFilename: path.join(__dirname, 'conformance.bpmn') });
    await zeebe.createProcessInstance({ bpmnProcessId: 'conformance', variables: {} });
    const [job] = await zeebe.activateJobs({
      type: 'conformance-work',
      worker: 'timeout-test',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 5_000,
    } as never);
    await zeebe.updateJobTimeout({ jobKey: job.key, timeout: 120_000 });
    const [row] = t.query<{ deadline: number }>('SELECT deadline FROM job WHERE key = ?', Number(job.key));
    expect(row.deadline).toBe(t.clock.now() + 120_000);
    await zeebe.completeJob({ jobKey: job.key, variables: {} });
  });

  it('its Basic strategy (Camunda 8.8 self-managed) reaches the engine too; no credentials do not', async () => {
    const basic = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    } as never).getZeebeGrpcApiClient();
    const none = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
    try {
      expect((await basic.topology()).brokers).toHaveLength(1);
      await expect(none.topology()).rejects.toMatchObject({ code: 16 });
    } finally {
      await basic.close();
      await none.close();
    }
  });
});
