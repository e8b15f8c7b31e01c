import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('end events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'end-events.bpmn');
  });
  afterAll(() => t.close());

  it('an error end event is caught by an error boundary event of an enclosing subprocess', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'error-end', variables: {} });
    expect(t.path(r.processInstanceKey)).toEqual(['start', 'lookup-start', 'missing', 'missing-end']);
    expect(t.path(r.processInstanceKey, 'TERMINATED')).toEqual(['lookup', 'throw']);
  });

  it('an uncaught error end event raises an incident naming the evaluated code', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'error-unhandled',
      variables: { code: 'BAD' },
    });
    const [incident] = t.query<{ error_type: string; element_id: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident).toMatchObject({ error_type: 'UNHANDLED_ERROR_EVENT', element_id: 'eu-throw' });
    expect(incident.error_message).toMatch(/'BAD'/);
  });

  it('a terminate end event ends everything else in its scope and completes the instance', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'terminate', variables: {} });
    expect(t.instanceState(r.processInstanceKey)).toBe('COMPLETED');
    expect(t.path(r.processInstanceKey, 'TERMINATED')).toEqual(['te-work']);
    expect(
      t.query<{ state: string }>(
        'SELECT state FROM job WHERE process_instance_key = ?',
        Number(r.processInstanceKey),
      )[0].state,
    ).toBe('CANCELED');
  });
});
