import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('signal boundary, event subprocess, throw and end events', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'signal-events.bpmn');
  });
  afterEach(() => t.close());

  const start = async (bpmnProcessId: string) =>
    (await t.zbc.createProcessInstance({ bpmnProcessId, variables: {} })).processInstanceKey;

  it('BroadcastSignal reaches a non-interrupting boundary event and a non-interrupting event subprocess', async () => {
    const key = await start('signal-waiter');
    await t.zbc.broadcastSignal({ signalName: 'case-note', variables: { note: 'seen' } });
    await t.zbc.broadcastSignal({ signalName: 'case-audit', variables: {} });
    expect(t.path(key)).toEqual(expect.arrayContaining(['noted', 'noted-end', 'audited', 'audit-end']));
    expect(t.variables(key)).toMatchObject({ note: 'seen' });
    const job = await t.nextJob('signal-work');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toContain('end');
  });

  it('a signal throw event and a signal end event of another process reach the waiting boundary events', async () => {
    const key = await start('signal-waiter');
    const thrower = await start('signal-thrower');
    expect(t.instanceState(thrower)).toBe('COMPLETED');
    // then the note went to the non-interrupting boundary, the stop interrupted the task
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(expect.arrayContaining(['noted-end', 'stopped', 'stopped-end']));
    expect(t.path(key, 'TERMINATED')).toEqual(['work']);
    expect(t.query('SELECT * FROM signal_subscription')).toHaveLength(0);
  });
});
