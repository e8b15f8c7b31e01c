import * as fs from 'node:fs';
import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_CLIENT } from '../test-support/test-credentials';

const DRG = path.join(__dirname, '..', 'dmn', 'drg', 'invoice.dmn');
const BPMN = path.join(__dirname, 'conformance.bpmn');
const FORM = path.join(__dirname, '..', 'runtime', 'tasks', 'review.form');
const formJson = (changes: object) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(fs.readFileSync(FORM, 'utf8')), ...changes }));

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

  it('forms deploy after everything else and are versioned by form id', async () => {
    // given a form, a decision model and a process in one deployment, the form first
    const r = await zeebe.deployResources([
      { formFilename: FORM },
      { decisionFilename: DRG },
      { processFilename: BPMN },
    ] as never);
    const entries = r.deployments as unknown as Entry[];
    // then the form is listed last, as FormMetadata
    expect(kinds(entries).at(-1)).toBe('form');
    const formRow = t.query<{ key: number }>("SELECT key FROM form WHERE form_id = 'review-form'")[0]!;
    expect(entries.at(-1)!.form).toEqual({
      formId: 'review-form',
      version: 1,
      formKey: String(formRow.key),
      resourceName: FORM,
      tenantId: '<default>',
    });
    // when the same form is deployed again unchanged, then it keeps its version
    const again = await zeebe.deployResource({ formFilename: FORM });
    expect((again.deployments[0] as unknown as Entry).form).toMatchObject({ version: 1 });
    // when it changes, then it is version 2 of the same form id
    const changed = await zeebe.deployResource({ name: 'review.form', form: formJson({ versionTag: 'v2' }) });
    expect((changed.deployments[0] as unknown as Entry).form).toMatchObject({
      formId: 'review-form',
      version: 2,
    });
    expect(
      t.query("SELECT version, version_tag FROM form WHERE form_id = 'review-form' ORDER BY version"),
    ).toEqual([
      { version: 1, version_tag: 'v1' },
      { version: 2, version_tag: 'v2' },
    ]);
  });

  it.each([
    [
      'not JSON',
      Buffer.from('{ "id": "broken", '),
      /'broken\.form': Failed to parse the form: it is not valid JSON/,
    ],
    ['without an id', formJson({ id: undefined }), /'broken\.form': Expected the form id to be filled/],
    ['a JSON list', Buffer.from('[]'), /'broken\.form': .*expected a JSON object/],
  ])(
    'refuses a form that is %s, naming the resource, and stores nothing of the deployment',
    async (_what, content, message) => {
      const before = t.query('SELECT key FROM deployment').length;
      const refused = await zeebe
        .deployResources([{ processFilename: BPMN }, { name: 'broken.form', form: content }] as never)
        .then(
          () => undefined,
          (e: { code?: number; message?: string }) => e,
        );
      expect(refused?.code).toBe(3);
      expect(refused?.message).toMatch(message);
      expect(t.query('SELECT key FROM deployment')).toHaveLength(before);
    },
  );
});
