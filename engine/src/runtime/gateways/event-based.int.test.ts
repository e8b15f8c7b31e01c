import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('event-based gateway', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'event-based.bpmn');
  });
  afterEach(() => t.close());

  const openSubscriptions = (key: string) =>
    t.query(
      "SELECT * FROM message_subscription WHERE process_instance_key = ? AND state = 'CREATED'",
      Number(key),
    );
  const openTimers = (key: string) =>
    t.query("SELECT * FROM timer WHERE process_instance_key = ? AND state = 'CREATED'", Number(key));

  it('follows the message when it arrives first, and closes the timer', async () => {
    // given an instance waiting at the gateway for a payment or a timeout
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'event-based',
      variables: { orderId: 'o-1' },
    });
    expect(openSubscriptions(processInstanceKey)).toHaveLength(1);
    expect(openTimers(processInstanceKey)).toHaveLength(1);
    // when the payment message arrives
    await t.zbc.publishMessage({
      name: 'payment-received',
      correlationKey: 'o-1',
      variables: { amount: 42 },
    });
    // then the payment path is taken with the message variables and the timer is gone
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.path(processInstanceKey)).toEqual(['start', 'wait', 'payment', 'paid-end']);
    expect(t.variables(processInstanceKey)).toMatchObject({ amount: 42 });
    expect(openTimers(processInstanceKey)).toHaveLength(0);
  });

  it('follows the timer when it fires first, and closes the subscription', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'event-based',
      variables: { orderId: 'o-2' },
    });
    t.clock.advance(60 * 60_000);
    await t.until(() => t.instanceState(processInstanceKey) === 'COMPLETED', 'the timer path completed');
    expect(t.path(processInstanceKey)).toEqual(['start', 'wait', 'timeout', 'cancelled-end']);
    expect(openSubscriptions(processInstanceKey)).toHaveLength(0);
  });
});
