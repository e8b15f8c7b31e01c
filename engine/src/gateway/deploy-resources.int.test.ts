import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_CLIENT } from '../test-support/test-credentials';

const DRG = path.join(__dirname, '..', 'dmn', 'drg', 'invoice.dmn');
const BPMN = path.join(__dirname, 'conformance.bpmn');

type Entry = Record<string, Record<string, unknown>>;

describe('DeployResource through the gRPC client of @camunda8/sdk (Basic)', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeAll(async () => {
    t = await startTestEngine();
    zeebe = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    } as never).getZeebeGrpcApiClient();
  });
  afterAll(async () => {
    await zeebe.close();
    await t.close();
  });

  const kinds = (entries: Entry[]) =>
    entries.map((e) => Object.keys(e).find((k) => e[k] !== undefined && e[k] !== null));

  it('lists entries as Zeebe does: processes, then decisions, then decision requirements', async () => {
    // given a decision model sent before a process
    // when both are deployed in one call
    const r = await zeebe.deployResources([{ decisionFilename: DRG }, { processFilename: BPMN }]);
    // then the process comes first (clients read deployments[0]), the five decisions next, the DRG last
    const entries = r.deployments as unknown as Entry[];
    expect(kinds(entries)).toEqual(['process', ...Array(5).fill('decision'), 'decisionRequirements']);
    expect(entries[0]!.process).toMatchObject({ bpmnProcessId: 'conformance', version: 1 });
  });

  it("a DMN deploy's entries carry everything DecisionMetadata and DecisionRequirementsMetadata carry", async () => {
    const r = await zeebe.deployResource({ decisionFilename: DRG });
    const entries = r.deployments as unknown as Entry[];
    const drg = entries.at(-1)!.decisionRequirements!;
    const drgKey = t.query<{ key: number }>(
      "SELECT key FROM decision_requirements WHERE decision_requirements_id = 'invoiceDrg'",
    )[0]!.key;
    expect(drg).toEqual({
      dmnDecisionRequirementsId: 'invoiceDrg',
      dmnDecisionRequirementsName: 'Invoice',
      version: 1,
      decisionRequirementsKey: String(drgKey),
      resourceName: DRG, // the name the client sent (the sdk sends the file's path)
      tenantId: '<default>',
    });
    const discount = entries.map((e) => e.decision).find((d) => d?.dmnDecisionId === 'discount');
    const row = t.query<{ key: number }>("SELECT key FROM decision WHERE decision_id = 'discount'")[0]!;
    expect(discount).toEqual({
      dmnDecisionId: 'discount',
      dmnDecisionName: 'Discount',
      version: 1,
      decisionKey: String(row.key),
      dmnDecisionRequirementsId: 'invoiceDrg',
      decisionRequirementsKey: String(drgKey),
      tenantId: '<default>',
    });
  });
});
