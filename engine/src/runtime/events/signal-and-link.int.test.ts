import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('signal catch and link events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'signal-and-link.bpmn');
  });
  afterAll(() => t.close());

  it('a broadcast signal reaches every waiting instance; a link throw jumps to its catch', async () => {
    // given two instances waiting for the signal
    const a = (await t.zbc.createProcessInstance({ bpmnProcessId: 'signal-catch', variables: {} }))
      .processInstanceKey;
    const b = (await t.zbc.createProcessInstance({ bpmnProcessId: 'signal-catch', variables: {} }))
      .processInstanceKey;
    // when the signal is broadcast with variables
    await t.zbc.broadcastSignal({ signalName: 'go-signal', variables: { why: 'now' } });
    // then both continue, through the link, to the end
    for (const key of [a, b]) {
      expect(t.instanceState(key)).toBe('COMPLETED');
      expect(t.path(key)).toEqual(['start', 'wait-go', 'jump', 'landing', 'end']);
      expect(t.variables(key)).toEqual({ why: 'now' });
    }
    expect(t.query('SELECT * FROM signal_subscription')).toHaveLength(0);
  });
});
