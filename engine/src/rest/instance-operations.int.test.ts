import * as fs from 'node:fs';
import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { TEST_CLIENT } from '../test-support/test-credentials';
import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

const FIXTURES = path.join(__dirname, '..', 'runtime', 'modification');

describe('REST: process instance modification, migration and resource deletion (CamundaRestClient)', () => {
  let t: RestTestEngine;
  let rest: ReturnType<Camunda8['getCamundaRestClient']>;
  beforeAll(async () => {
    t = await startRestTestEngine();
    for (const f of ['modification.bpmn', 'migration.bpmn'])
      await t.zbc.deployResource({ name: f, process: fs.readFileSync(path.join(FIXTURES, f)) });
    rest = new Camunda8({
      ZEEBE_REST_ADDRESS: t.rest,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
    } as never).getCamundaRestClient();
  });
  afterAll(() => t.close());

  const db = () => t.running.engine.db;
  const activeKey = (instanceKey: string, elementId: string) =>
    String(
      (
        db()
          .prepare(
            "SELECT key FROM element_instance WHERE process_instance_key = ? AND element_id = ? AND state = 'ACTIVATED'",
          )
          .get(Number(instanceKey), elementId) as { key: number }
      ).key,
    );
  const definitionKey = (id: string) =>
    String(
      (
        db().prepare('SELECT key FROM process_definition WHERE bpmn_process_id = ?').get(id) as {
          key: number;
        }
      ).key,
    );

  it('modifies an instance: activates b with a variable, terminates a', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    await rest.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'b', variableInstructions: [{ variables: { fromRest: true } }] }],
      terminateInstructions: [{ elementInstanceKey: activeKey(processInstanceKey, 'a') }],
    } as never);
    const elements = await t.post('/v2/element-instances/search', {
      filter: { processInstanceKey, state: 'ACTIVE', type: 'SERVICE_TASK' },
    });
    expect(elements.body.items.map((i: { elementId: string }) => i.elementId)).toEqual(['b']);
    const variable = await t.post('/v2/variables/search', {
      filter: { processInstanceKey, name: 'fromRest' },
    });
    expect(variable.body.items[0].value).toBe('true');
  });

  it('migrates an instance to another definition', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'migrate-source',
      variables: {},
    });
    await rest.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: definitionKey('migrate-target'),
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'check' }],
    } as never);
    expect((await t.get(`/v2/process-instances/${processInstanceKey}`)).body.processDefinitionId).toBe(
      'migrate-target',
    );
  });

  it('refuses with problem documents: an unmapped element is 409, a malformed body 400, an unknown instance 404', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'migrate-source',
      variables: {},
    });
    const unmapped = await t.post(`/v2/process-instances/${processInstanceKey}/migration`, {
      targetProcessDefinitionKey: definitionKey('migrate-target'),
      mappingInstructions: [],
    });
    expect(unmapped.status).toBe(409);
    expect(unmapped.type).toContain('application/problem+json');
    expect(unmapped.body.detail).toMatch(
      /no mapping instruction defined for active element with id 'review'/,
    );
    const malformed = await t.post(`/v2/process-instances/${processInstanceKey}/modification`, {
      activateInstructions: [{ elementId: '' }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/activateInstructions\[0\]\.elementId/);
    expect((await t.post('/v2/process-instances/2251799813699999/modification', {})).status).toBe(404);
  });

  it('deletes a resource: the definition cannot be started any more; deleting it again is 404', async () => {
    const key = definitionKey('modify-mi');
    await rest.deleteResource({ resourceKey: key } as never);
    await expect(
      t.zbc.createProcessInstance({ bpmnProcessId: 'modify-mi', variables: {} }),
    ).rejects.toMatchObject({
      code: 5,
    });
    expect((await t.get(`/v2/process-definitions/${key}`)).status).toBe(404);
    expect((await t.post(`/v2/resources/${key}/deletion`, {})).status).toBe(404);
  });
});
