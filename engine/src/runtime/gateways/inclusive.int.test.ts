import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('inclusive gateway', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'inclusive.bpmn');
  });
  afterAll(() => t.close());

  it('takes every flow whose condition is true and joins when the taken paths are done', async () => {
    // given pasta and steak were chosen
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'inclusive',
      variables: { courses: ['pasta', 'steak'] },
    });
    const pasta = await t.nextJob('cook-pasta');
    const steak = await t.nextJob('cook-steak');
    // when pasta is done, the join still waits for steak (which can still reach it)
    await t.zbc.completeJob({ jobKey: pasta.key, variables: {} });
    expect(t.instanceState(processInstanceKey)).toBe('ACTIVE');
    // then once steak is done the join fires once
    await t.zbc.completeJob({ jobKey: steak.key, variables: {} });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    const path = t.path(processInstanceKey);
    expect(path).not.toContain('salad');
    expect(path.filter((id) => id === 'join')).toHaveLength(1);
  });

  it('joins a single taken path without waiting for paths that were not taken', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'inclusive',
      variables: { courses: ['steak'] },
    });
    const steak = await t.nextJob('cook-steak');
    await t.zbc.completeJob({ jobKey: steak.key, variables: {} });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('takes the default flow when no condition is true', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'inclusive',
      variables: { courses: [] },
    });
    expect(t.path(r.processInstanceKey)).toEqual(['start', 'split', 'salad', 'join', 'end']);
  });

  it('stops waiting for a path that died: a timed-out branch no longer holds the join', async () => {
    // given both branches taken; the quick one is already waiting at the join
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'inclusive-timeout',
      variables: {},
    });
    expect(t.path(processInstanceKey)).not.toContain('it-join');
    // when the slow task times out and its boundary path ends elsewhere
    t.clock.advance(3600_000);
    // then the join fires with the token it has, and the instance completes
    await t.until(() => t.instanceState(processInstanceKey) === 'COMPLETED', 'the join fired');
    expect(t.path(processInstanceKey)).toEqual(expect.arrayContaining(['gave-up', 'it-join', 'it-end']));
  });
});
