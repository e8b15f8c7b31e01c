import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('script task', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'script-task.bpmn');
  });
  afterAll(() => t.close());

  it('stores the FEEL result in the result variable', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'script-task',
      variables: {
        lines: [
          { price: 2, qty: 3 },
          { price: 10, qty: 1 },
        ],
      },
    });
    expect(r.variables).toMatchObject({ total: 16 });
  });

  it('raises an incident when the expression fails', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'script-broken',
      variables: {},
    });
    const [incident] = t.query<{ error_type: string; element_id: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'broken' });
    expect(incident.error_message).toMatch(/shout/);
    expect(t.instanceState(processInstanceKey)).toBe('ACTIVE');
  });
});
