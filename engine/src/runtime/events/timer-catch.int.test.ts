import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('timer catch event', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'timer-catch.bpmn');
  });
  afterEach(() => t.close());

  it('waits for a duration on the engine clock', async () => {
    // given an instance waiting ten minutes
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'timer-duration',
      variables: {},
    });
    // when nine minutes pass, it still waits
    t.clock.advance(9 * 60_000);
    await t.until(() => true, 'a turn');
    expect(t.instanceState(processInstanceKey)).toBe('ACTIVE');
    // then at ten minutes it continues
    t.clock.advance(60_000);
    await t.until(() => t.instanceState(processInstanceKey) === 'COMPLETED', 'the timer fired');
  });

  it('waits until a date given by an expression', async () => {
    const due = new Date(t.clock.now() + 3 * 24 * 3600_000).toISOString();
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'timer-date',
      variables: { dueDate: due },
    });
    t.clock.advance(3 * 24 * 3600_000 - 1);
    await t.until(() => true, 'a turn');
    expect(t.instanceState(processInstanceKey)).toBe('ACTIVE');
    t.clock.advance(1);
    await t.until(() => t.instanceState(processInstanceKey) === 'COMPLETED', 'the timer fired');
  });

  it('fires late rather than never after a restart', async () => {
    // given an instance waiting ten minutes, and the engine restarted
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'timer-duration',
      variables: {},
    });
    await t.restart();
    // when the due time has long passed
    t.clock.advance(60 * 60_000);
    // then the timer fires
    await t.until(() => t.instanceState(processInstanceKey) === 'COMPLETED', 'the timer fired after restart');
  });
});
