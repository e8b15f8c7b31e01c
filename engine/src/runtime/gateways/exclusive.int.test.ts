import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('exclusive gateway', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'exclusive.bpmn');
  });
  afterAll(() => t.close());

  const run = async (variables: { amount: number }) => {
    const r = await t.zbc.createProcessInstanceWithResult({ bpmnProcessId: 'exclusive', variables });
    return t.path(r.processInstanceKey);
  };

  it('takes the first flow whose condition is true, in document order', async () => {
    expect(await run({ amount: 5000 })).toEqual(['start', 'split', 'large', 'merge', 'end']);
    expect(await run({ amount: 500 })).toEqual(['start', 'split', 'medium', 'merge', 'end']);
  });

  it('takes the default flow when no condition is true', async () => {
    expect(await run({ amount: 5 })).toEqual(['start', 'split', 'small', 'merge', 'end']);
  });

  it('raises an incident when no condition is true and there is no default flow, and retries after resolution', async () => {
    // given a gateway whose conditions cannot be evaluated (approved is missing)
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'exclusive-no-default',
      variables: {},
    });
    const [incident] = t.query<{
      key: number;
      error_type: string;
      element_id: string;
      error_message: string;
    }>(
      "SELECT * FROM incident WHERE process_instance_key = ? AND state = 'ACTIVE'",
      Number(processInstanceKey),
    );
    expect(incident).toMatchObject({ error_type: 'CONDITION_ERROR', element_id: 'nd-split' });
    // when the variable is set and the incident resolved
    await t.zbc.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { approved: false },
      local: false,
    });
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    // then the gateway is evaluated again and the instance continues
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.path(processInstanceKey)).toEqual(['nd-start', 'nd-split', 'nd-rejected']);
  });
});
