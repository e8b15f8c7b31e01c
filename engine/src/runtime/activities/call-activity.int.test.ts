import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('call activity', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'call-activity.bpmn');
  });
  afterEach(() => t.close());

  const child = (parentKey: string) =>
    t.query<{ key: number; state: string }>(
      'SELECT key, state FROM process_instance WHERE parent_process_instance_key = ?',
      Number(parentKey),
    )[0];

  it('starts the called process with the caller variables and propagates all child variables back', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { childId: 'child', input: 1 },
    });
    const job = await t.nextJob('child-work');
    expect(job.variables).toMatchObject({ input: 1, childId: 'child' });
    await t.zbc.completeJob({ jobKey: job.key, variables: { verdict: 'ok' } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(child(processInstanceKey).state).toBe('COMPLETED');
    expect(t.variables(processInstanceKey)).toMatchObject({ verdict: 'ok' });
  });

  it('with propagation off, only the output mappings come back', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parent-mapped',
      variables: {},
    });
    const job = await t.nextJob('child-work');
    await t.zbc.completeJob({ jobKey: job.key, variables: { verdict: 'no', noise: true } });
    expect(t.variables(processInstanceKey)).toEqual({ childVerdict: 'no' });
  });

  it('an error thrown in the child is caught by a boundary event of the call activity', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { childId: 'child' },
    });
    const job = await t.nextJob('child-work');
    await t.zbc.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: '' });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.path(processInstanceKey)).toContain('p-rejected-end');
    expect(child(processInstanceKey).state).toBe('TERMINATED');
  });

  it('cancelling the parent terminates the child; a child cannot be cancelled on its own', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { childId: 'child' },
    });
    await expect(t.zbc.cancelProcessInstance(String(child(processInstanceKey).key))).rejects.toThrow(
      /FAILED_PRECONDITION|parent/,
    );
    await t.zbc.cancelProcessInstance(processInstanceKey);
    expect(t.instanceState(processInstanceKey)).toBe('TERMINATED');
    expect(child(processInstanceKey).state).toBe('TERMINATED');
    await expect(t.zbc.cancelProcessInstance(processInstanceKey)).rejects.toThrow(/NOT_FOUND/);
  });

  it('raises an incident when the called process is not deployed, and continues once it is', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { childId: 'later' },
    });
    const [incident] = t.query<{ key: number; error_type: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident.error_type).toBe('CALLED_ELEMENT_ERROR');
    expect(incident.error_message).toMatch(/'later'/);
    await t.zbc.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { childId: 'child' },
      local: false,
    });
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    expect(child(processInstanceKey).state).toBe('ACTIVE');
  });
});
