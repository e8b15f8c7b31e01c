import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('message catch event', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'message-catch.bpmn');
  });
  afterEach(() => t.close());

  const start = async (
    mandateId: string | number | Record<string, string>,
    bpmnProcessId = 'message-catch',
  ) => (await t.zbc.createProcessInstance({ bpmnProcessId, variables: { mandateId } })).processInstanceKey;

  it('correlates a message by name and correlation key, applying the output mapping', async () => {
    // given two instances waiting for different mandates
    const m1 = await start('M-1');
    const m2 = await start('M-2');
    // when the message for M-2 is published
    await t.zbc.publishMessage({ name: 'acknowledged', correlationKey: 'M-2', variables: { by: 'PZ-5318' } });
    // then only that instance continues, with the mapped variable only
    expect(t.instanceState(m2)).toBe('COMPLETED');
    expect(t.instanceState(m1)).toBe('ACTIVE');
    expect(t.variables(m2)).toEqual({ mandateId: 'M-2', acknowledgedBy: 'PZ-5318' });
  });

  it('turns a numeric correlation key into text', async () => {
    const key = await start(123);
    await t.zbc.publishMessage({ name: 'acknowledged', correlationKey: '123', variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
  });

  it('raises an incident when the correlation key cannot be extracted', async () => {
    const key = await start({ not: 'a key' });
    const [incident] = t.query<{ error_type: string; element_id: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(key),
    );
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'wait-ack' });
  });

  it('buffers a message with a time to live for a subscription opened later', async () => {
    // given a message published before anyone waits, with a TTL
    await t.zbc.publishMessage({
      name: 'acknowledged',
      correlationKey: 'M-3',
      timeToLive: 60_000,
      variables: { by: 'early' },
    });
    // when an instance opens a matching subscription within the TTL
    const key = await start('M-3');
    // then it correlates at once
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.variables(key)).toMatchObject({ acknowledgedBy: 'early' });
    // and a second instance of the same process does not get the same message again
    const again = await start('M-3');
    expect(t.instanceState(again)).toBe('ACTIVE');
  });

  it('drops a buffered message once its time to live is over', async () => {
    await t.zbc.publishMessage({
      name: 'acknowledged',
      correlationKey: 'M-4',
      timeToLive: 1_000,
      variables: {},
    });
    t.clock.advance(1_000);
    const key = await start('M-4');
    expect(t.instanceState(key)).toBe('ACTIVE');
  });

  it('refuses a message id already buffered, until it expires', async () => {
    const publish = () =>
      t.zbc.publishMessage({
        name: 'acknowledged',
        correlationKey: 'M-5',
        messageId: 'once',
        timeToLive: 10_000,
        variables: {},
      });
    await publish();
    await expect(publish()).rejects.toThrow(/ALREADY_EXISTS|already published/);
    t.clock.advance(10_000);
    await expect(publish()).resolves.toBeDefined();
  });

  it('correlates one message to only one instance of the same process', async () => {
    const a = await start('shared');
    const b = await start('shared');
    await t.zbc.publishMessage({ name: 'acknowledged', correlationKey: 'shared', variables: {} });
    expect([t.instanceState(a), t.instanceState(b)].sort()).toEqual(['ACTIVE', 'COMPLETED']);
  });

  it('correlates to a receive task the same way', async () => {
    const key = await start('R-1', 'receive-task');
    await t.zbc.publishMessage({ name: 'acknowledged', correlationKey: 'R-1', variables: { x: 1 } });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.variables(key)).toMatchObject({ x: 1 });
  });
});
