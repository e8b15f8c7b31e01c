import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';

// Spawns processes and long-polls: generous on a loaded machine.
jest.setTimeout(30_000);

describe('compatibility: the gRPC client of @camunda8/sdk works unchanged', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeAll(async () => {
    t = await startTestEngine();
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    } as never);
    zeebe = c8.getZeebeGrpcApiClient();
  });
  afterAll(async () => {
    await zeebe.close();
    await t.close();
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
});
