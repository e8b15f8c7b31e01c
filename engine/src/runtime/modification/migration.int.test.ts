import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';
import { TEST_CLIENT } from '../../test-support/test-credentials';

describe('MigrateProcessInstance through the gRPC client of @camunda8/sdk', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  let targetKey: string;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'migration.bpmn');
    targetKey = String(
      t.query<{ key: number }>(
        "SELECT key FROM process_definition WHERE bpmn_process_id = 'migrate-target'",
      )[0]!.key,
    );
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

  const migrate = (processInstanceKey: string, mappings: Array<[string, string]>, target = targetKey) =>
    zeebe.migrateProcessInstance({
      processInstanceKey,
      migrationPlan: {
        targetProcessDefinitionKey: target,
        mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({
          sourceElementId,
          targetElementId,
        })),
      },
    });
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: number; message?: string }) => `${e.code} ${e.message}`,
    );

  it('moves a waiting task to the mapped element of the target; the job follows and the instance goes on there', async () => {
    // given an instance waiting at review, its job activated by a worker
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'migrate-source',
      variables: { ref: 'R-1' },
    });
    const job = await t.nextJob('mig-review');
    // when it is migrated with review -> check
    await migrate(processInstanceKey, [['review', 'check']]);
    // then the instance, its element and its job belong to the target
    expect(
      t.query(
        'SELECT bpmn_process_id, process_definition_key FROM process_instance WHERE key = ?',
        Number(processInstanceKey),
      ),
    ).toEqual([{ bpmn_process_id: 'migrate-target', process_definition_key: Number(targetKey) }]);
    expect(
      t.query('SELECT element_id FROM element_instance WHERE key = ?', Number(job.elementInstanceKey)),
    ).toEqual([{ element_id: 'check' }]);
    expect(t.query('SELECT element_id, type FROM job WHERE key = ?', Number(job.key))).toEqual([
      { element_id: 'check', type: 'mig-review' },
    ]);
    // and completing the job continues along the target's flow, with the variables kept
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    const next = await t.nextJob('mig-after');
    expect(next.variables).toMatchObject({ ref: 'R-1' });
    expect(next.processInstanceKey).toBe(processInstanceKey);
  });

  it("moves an exclusive gateway held by an incident; resolved, it chooses by the target's flows", async () => {
    const { processInstanceKey: key } = await zeebe.createProcessInstance({
      bpmnProcessId: 'migrate-choice',
      variables: { x: 2 },
    });
    const incidents = () =>
      t.query<{ key: number }>(
        "SELECT key FROM incident WHERE process_instance_key = ? AND state = 'ACTIVE'",
        Number(key),
      );
    await t.until(() => incidents().length === 1, 'the incident');
    const fixed = t.query<{ key: number }>(
      "SELECT key FROM process_definition WHERE bpmn_process_id = 'migrate-choice-fixed'",
    )[0]!.key;
    await migrate(key, [['choose', 'choose-fixed']], String(fixed));
    expect(t.query('SELECT element_id FROM incident WHERE key = ?', incidents()[0]!.key)).toEqual([
      { element_id: 'choose-fixed' },
    ]);
    await t.zbc.resolveIncident({ incidentKey: String(incidents()[0]!.key) });
    const job = await t.nextJob('mig-chosen');
    expect(job.processInstanceKey).toBe(key);
  });

  it("refuses what Zeebe refuses, with Zeebe's reasons, and changes nothing", async () => {
    const { processInstanceKey: key } = await zeebe.createProcessInstance({
      bpmnProcessId: 'migrate-source',
      variables: {},
    });
    await t.until(() => t.query('SELECT key FROM job').length === 1, 'the job exists');
    expect(await code(migrate('2251799813699999', [['review', 'check']]))).toMatch(
      /^5 .*no process instance found/,
    );
    expect(await code(migrate(key, [['review', 'check']], '2251799813699999'))).toMatch(
      /^5 .*no process definition found/,
    );
    expect(await code(migrate(key, [['ghost', 'check']]))).toMatch(
      /^3 .*non-existing source element id 'ghost'/,
    );
    expect(await code(migrate(key, [['review', 'ghost']]))).toMatch(
      /^3 .*non-existing target element id 'ghost'/,
    );
    expect(
      await code(
        migrate(key, [
          ['review', 'check'],
          ['review', 'after'],
        ]),
      ),
    ).toMatch(/^3 .*duplicate source element ids 'review'/);
    expect(await code(migrate(key, []))).toMatch(
      /^9 .*no mapping instruction defined for active element with id 'review'/,
    );
    expect(await code(migrate(key, [['review', 'approve']]))).toMatch(
      /^9 .*type 'SERVICE_TASK' is mapped to an element with id 'approve' and different type 'USER_TASK'/,
    );
    expect(await code(migrate(key, [['review', 'nested']]))).toMatch(
      /^9 .*flow scope of active element with id 'review' is changed/,
    );
    const timed = await zeebe.createProcessInstance({ bpmnProcessId: 'migrate-timer', variables: {} });
    expect(
      await code(
        migrate(timed.processInstanceKey, [
          ['guarded', 'check'],
          ['late', 'nested'],
        ]),
      ),
    ).toMatch(
      /^9 .*catch event with id 'late' that is mapped to a catch event with id 'nested'. These mappings detach/,
    );
    const parallel = await zeebe.createProcessInstance({ bpmnProcessId: 'migrate-parallel', variables: {} });
    await t.until(
      () =>
        t.query('SELECT key FROM job WHERE process_instance_key = ?', Number(parallel.processInstanceKey))
          .length === 2,
      'both jobs exist',
    );
    expect(await code(migrate(parallel.processInstanceKey, [['each', 'each-in-turn']]))).toMatch(
      /^9 .*active element with id 'each' has a different loop characteristics than the target element with id 'each-in-turn'/,
    );
    // nothing moved
    expect(t.query('SELECT bpmn_process_id FROM process_instance WHERE key = ?', Number(key))).toEqual([
      { bpmn_process_id: 'migrate-source' },
    ]);
  });
});
