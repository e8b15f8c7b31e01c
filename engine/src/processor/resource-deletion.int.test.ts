import * as fs from 'node:fs';
import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import * as grpc from '@grpc/grpc-js';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_AUTHORIZATION, TEST_CLIENT } from '../test-support/test-credentials';
import { loadGatewayService } from '../gateway/proto';

const BPMN = fs.readFileSync(path.join(__dirname, 'resource-deletion.bpmn'), 'utf8');
const DRG = path.join(__dirname, '..', 'dmn', 'drg', 'invoice.dmn');

type Entry = Record<
  string,
  { version: number; processDefinitionKey?: string; decisionRequirementsKey?: string }
>;

describe('DeleteResource through the gRPC client of @camunda8/sdk', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeEach(async () => {
    t = await startTestEngine();
    zeebe = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
  });
  afterEach(async () => {
    await zeebe.close();
    await t.close();
  });

  const deploy = async (name: string) => {
    const r = await zeebe.deployResource({
      name: 'deletable.bpmn',
      process: Buffer.from(BPMN.replace('Deletable v1', name)),
    });
    return (r.deployments[0] as unknown as Entry).process!;
  };
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: number; message?: string }) => (e.code === 5 ? 5 : `${e.code} ${e.message}`),
    );

  it('deleting the latest version cancels its running instances; the previous version takes over, versions are not reused', async () => {
    // given two versions and a running instance of the second
    const v1 = await deploy('Deletable v1');
    const v2 = await deploy('Deletable v2');
    const running = await zeebe.createProcessInstance({ bpmnProcessId: 'deletable', variables: {} });
    expect(running.version).toBe(2);
    // when version 2 is deleted
    await zeebe.deleteResource({ resourceKey: v2.processDefinitionKey! });
    // then its instance is cancelled and it cannot be started by key
    expect(t.instanceState(running.processInstanceKey)).toBe('TERMINATED');
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    const raw = new Gateway(t.address, grpc.credentials.createInsecure()) as unknown as {
      CreateProcessInstance(r: object, m: grpc.Metadata, cb: (e: grpc.ServiceError | null) => void): void;
      close(): void;
    };
    const metadata = new grpc.Metadata();
    metadata.set('authorization', TEST_AUTHORIZATION);
    const byKey = await new Promise<grpc.ServiceError | null>((resolve) =>
      raw.CreateProcessInstance(
        { processDefinitionKey: v2.processDefinitionKey, variables: '{}' },
        metadata,
        resolve,
      ),
    );
    raw.close();
    expect(byKey?.code).toBe(grpc.status.NOT_FOUND);
    // and version 1 is the latest again: started by id and by its message start event
    expect((await zeebe.createProcessInstance({ bpmnProcessId: 'deletable', variables: {} })).version).toBe(
      1,
    );
    await zeebe.publishMessage({ name: 'go', correlationKey: '', variables: {} });
    await t.until(
      () =>
        t.query(
          "SELECT key FROM process_instance WHERE process_definition_key = ? AND state = 'ACTIVE'",
          Number(v1.processDefinitionKey),
        ).length === 2,
      'the message started version 1',
    );
    // and a new deployment is version 3, never 2 again
    expect((await deploy('Deletable v3')).version).toBe(3);
  });

  it('deleting the only version leaves nothing to start; an unknown key is NOT_FOUND', async () => {
    const v1 = await deploy('Deletable v1');
    await zeebe.deleteResource({ resourceKey: v1.processDefinitionKey! });
    expect(await code(zeebe.createProcessInstance({ bpmnProcessId: 'deletable', variables: {} }))).toBe(5);
    expect(t.query('SELECT * FROM start_subscription')).toHaveLength(0);
    expect(await code(zeebe.deleteResource({ resourceKey: v1.processDefinitionKey! }))).toBe(5);
  });

  it('deleting a decision requirements graph removes its decisions; a redeploy is version 2', async () => {
    const r = await zeebe.deployResource({ decisionFilename: DRG });
    const drg = (r.deployments as unknown as Entry[]).find(
      (e) => e.decisionRequirements,
    )!.decisionRequirements!;
    await zeebe.deleteResource({ resourceKey: drg.decisionRequirementsKey! });
    // (EvaluateDecision answers an unknown decision with INVALID_ARGUMENT, as zeebe.proto documents)
    expect(await code(zeebe.evaluateDecision({ decisionId: 'discount', variables: {} } as never))).toMatch(
      /^3 .*no such decision/,
    );
    const again = await zeebe.deployResource({ decisionFilename: DRG });
    expect((again.deployments as unknown as Entry[]).map((e) => Object.values(e)[0]!.version)).toEqual(
      Array(6).fill(2),
    );
  });
});
