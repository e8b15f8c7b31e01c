import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('multi-instance', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'multi-instance.bpmn');
  });
  afterAll(() => t.close());

  it('parallel: one job per item with local loopCounter and item, outputs collected by index', async () => {
    // given three recipients
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'multi-parallel',
      variables: { recipients: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    });
    const jobs = [await t.nextJob('notify'), await t.nextJob('notify'), await t.nextJob('notify')];
    expect(jobs.map((j) => j.variables.loopCounter).sort()).toEqual([1, 2, 3]);
    expect(jobs.map((j) => j.variables.recipientId).sort()).toEqual(['a', 'b', 'c']);
    // when they complete in reverse order
    for (const job of [...jobs].reverse()) {
      await t.zbc.completeJob({ jobKey: job.key, variables: { receipt: `r-${job.variables.recipientId}` } });
    }
    // then the output collection follows the input order, and nothing local leaked
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    const vars = t.variables(processInstanceKey);
    expect(vars.receipts).toEqual(['r-a', 'r-b', 'r-c']);
    expect(vars).not.toHaveProperty('loopCounter');
    expect(vars).not.toHaveProperty('receipt');
  });

  it('parallel: an empty collection skips the activity with an empty output', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'multi-parallel',
      variables: { recipients: [] },
    });
    expect(r.variables).toMatchObject({ receipts: [] });
  });

  it('sequential: one item after another, until the completion condition holds', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'multi-sequential',
      variables: { items: ['x', 'y', 'z'], stop: false },
    });
    const first = await t.nextJob('step');
    expect(first.variables).toMatchObject({ item: 'x', loopCounter: 1 });
    const none = await t.zbc.activateJobs({
      type: 'step',
      worker: 'w',
      maxJobsToActivate: 5,
      timeout: 1000,
      requestTimeout: -1,
    } as never);
    expect(none).toHaveLength(0);
    await t.zbc.completeJob({ jobKey: first.key, variables: {} });
    const second = await t.nextJob('step');
    expect(second.variables).toMatchObject({ item: 'y', loopCounter: 2 });
    await t.zbc.completeJob({ jobKey: second.key, variables: { stop: true } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.path(processInstanceKey).filter((id) => id === 'step')).toHaveLength(3); // two inner + the body
  });

  it('an embedded subprocess runs once per item, each inside with its own recipient', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'multi-subprocess',
      variables: { recipients: ['PZ-1', 'MJ-2'] },
    });
    const first = await t.nextJob('per-recipient');
    const second = await t.nextJob('per-recipient');
    expect([first.variables.recipient, second.variables.recipient].sort()).toEqual(['MJ-2', 'PZ-1']);
    await t.zbc.completeJob({ jobKey: first.key, variables: { ack: `${first.variables.recipient}-ok` } });
    await t.zbc.completeJob({ jobKey: second.key, variables: { ack: `${second.variables.recipient}-ok` } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(processInstanceKey).acks).toEqual(['PZ-1-ok', 'MJ-2-ok']);
  });

  it('a completion condition that fails raises an incident; resolving it goes on where the loop stopped', async () => {
    // given a sequential loop whose completion condition needs `done`
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'multi-until',
      variables: {},
    });
    const first = await t.nextJob('attempt');
    // when the first attempt completes without `done`, the condition cannot be evaluated
    await t.zbc.completeJob({ jobKey: first.key, variables: {} });
    const [incident] = t.query<{ key: number; error_type: string; element_id: string }>(
      "SELECT * FROM incident WHERE process_instance_key = ? AND state = 'ACTIVE'",
      Number(processInstanceKey),
    );
    expect(incident).toMatchObject({ error_type: 'CONDITION_ERROR', element_id: 'attempt' });
    // then once `done` is set and the incident resolved, the loop goes on with the second item
    await t.zbc.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { done: false },
      local: false,
    });
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    const second = await t.nextJob('attempt');
    expect(second.variables.loopCounter).toBe(2);
    await t.zbc.completeJob({ jobKey: second.key, variables: { done: true } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('raises an incident when the input collection is not a list', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'multi-parallel',
      variables: { recipients: 'nope' },
    });
    const [incident] = t.query<{ error_type: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident.error_type).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.error_message).toMatch(/ARRAY/);
  });
});
