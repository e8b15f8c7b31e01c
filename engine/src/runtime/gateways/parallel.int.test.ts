import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('parallel gateway', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'parallel.bpmn');
  });
  afterAll(() => t.close());

  it('forks to every outgoing flow and joins once every incoming flow has a token', async () => {
    // given an instance forked into two branches
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'parallel',
      variables: {},
    });
    const a = await t.nextJob('parallel-a');
    const b = await t.nextJob('parallel-b');
    // when one branch completes, the join waits
    await t.zbc.completeJob({ jobKey: a.key, variables: { fromA: 1 } });
    expect(t.instanceState(processInstanceKey)).toBe('ACTIVE');
    expect(t.path(processInstanceKey)).not.toContain('join');
    // then when the other completes, the join fires once and the instance completes
    await t.zbc.completeJob({ jobKey: b.key, variables: { fromB: 2 } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.path(processInstanceKey).filter((id) => id === 'join')).toHaveLength(1);
    expect(t.variables(processInstanceKey)).toEqual({ fromA: 1, fromB: 2 });
  });
});
