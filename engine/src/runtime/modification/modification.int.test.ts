import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';
import { TEST_CLIENT } from '../../test-support/test-credentials';

describe('ModifyProcessInstance through the gRPC client of @camunda8/sdk', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'modification.bpmn');
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

  const active = (key: string) =>
    t
      .query<{
        key: number;
        element_id: string;
      }>(
        "SELECT key, element_id FROM element_instance WHERE process_instance_key = ? AND state = 'ACTIVATED' AND element_id <> 'modify' ORDER BY key",
        Number(key),
      )
      .map((r) => r.element_id);
  const keyOf = (instanceKey: string, elementId: string) =>
    String(
      t.query<{ key: number }>(
        "SELECT key FROM element_instance WHERE process_instance_key = ? AND element_id = ? AND state = 'ACTIVATED'",
        Number(instanceKey),
        elementId,
      )[0]!.key,
    );
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: number; message?: string }) => `${e.code} ${e.message}`,
    );

  it('moves a token: activates b with variables and terminates a; the instance goes on from b', async () => {
    // given an instance waiting at a
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    const aKey = keyOf(processInstanceKey, 'a');
    // when b is activated with a global variable and a is terminated
    await zeebe.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        {
          elementId: 'b',
          variableInstructions: [{ variables: { skipped: true }, scopeId: '' }],
        },
      ],
      terminateInstructions: [{ elementInstanceKey: aKey }],
    } as never);
    // then only b is active, a's job is cancelled, the variable is on the process
    expect(active(processInstanceKey)).toEqual(['b']);
    expect(t.query('SELECT state FROM job WHERE element_instance_key = ?', Number(aKey))).toEqual([
      { state: 'CANCELED' },
    ]);
    expect(t.variables(processInstanceKey)).toEqual({ skipped: true });
    // and completing b completes the instance
    const job = await t.nextJob('mod-b');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('activates an element again inside its active subprocess, with variables local to it', async () => {
    // given an instance at inner, inside sub
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    await t.zbc.completeJob({ jobKey: (await t.nextJob('mod-a')).key, variables: {} });
    const subKey = keyOf(processInstanceKey, 'sub');
    // when inner is activated a second time in that subprocess, with a local variable
    await zeebe.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        {
          elementId: 'inner',
          ancestorElementInstanceKey: subKey,
          variableInstructions: [{ variables: { attempt: 2 }, scopeId: 'inner' }],
        },
      ],
      terminateInstructions: [],
    } as never);
    // then two inner instances run; the new one holds the variable
    expect(active(processInstanceKey)).toEqual(['sub', 'inner', 'inner']);
    const jobs = await t.zbc.activateJobs({
      type: 'mod-inner',
      worker: 'w',
      maxJobsToActivate: 5,
      timeout: 60_000,
      requestTimeout: -1,
    } as never);
    expect(jobs.map((j) => j.variables)).toEqual([{}, { attempt: 2 }]);
  });

  it('terminating the last active element terminates its empty flow scopes and the instance', async () => {
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    await t.zbc.completeJob({ jobKey: (await t.nextJob('mod-a')).key, variables: {} });
    await zeebe.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [],
      terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'inner') }],
    } as never);
    expect(t.instanceState(processInstanceKey)).toBe('TERMINATED');
    expect(t.path(processInstanceKey, 'TERMINATED').sort()).toEqual(['inner', 'sub']);
  });

  it('refuses what Zeebe refuses, and changes nothing', async () => {
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    const modify = (activate: object[], terminate: object[] = [], key = processInstanceKey) =>
      code(
        zeebe.modifyProcessInstance({
          processInstanceKey: key,
          activateInstructions: activate,
          terminateInstructions: terminate,
        } as never),
      );
    const act = (elementId: string, more: object = {}) => ({
      elementId,
      variableInstructions: [],
      ...more,
    });
    expect(await modify([], [], '2251799813699999')).toMatch(/^5 .*no process instance found/);
    expect(await modify([act('ghost')], [{ elementInstanceKey: keyOf(processInstanceKey, 'a') }])).toMatch(
      /^3 .*element that could not be found: 'ghost'/,
    );
    expect(
      await modify([act('b', { variableInstructions: [{ variables: {}, scopeId: 'elsewhere' }] })]),
    ).toMatch(/^3 .*scope .*'elsewhere'/);
    expect(await modify([], [{ elementInstanceKey: '2251799813699999' }])).toMatch(
      /^3 .*element instance that could not be found/,
    );
    expect(await modify([act('inner')])).toMatch(/^3 .*flow scope 'sub' is not active/);
    expect(await modify([act('start')])).toMatch(/^3 .*unsupported: 'start'/);
    const mi = await zeebe.createProcessInstance({ bpmnProcessId: 'modify-mi', variables: {} });
    expect(await modify([act('per-item')], [], mi.processInstanceKey)).toMatch(/^9 .*multi-instance/);
    // nothing changed
    expect(active(processInstanceKey)).toEqual(['a']);
  });

  it('zeebe-node 8.3 (older proto) modifies an instance the same way', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: {},
    });
    await t.zbc.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        {
          elementId: 'b',
          ancestorElementInstanceKey: '0',
          variableInstructions: [{ variables: { via: 'zeebe-node' }, scopeId: '' }],
        },
      ],
      terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'a') }],
    } as never);
    expect(active(processInstanceKey)).toEqual(['b']);
    expect(t.variables(processInstanceKey)).toEqual({ via: 'zeebe-node' });
  });
});
