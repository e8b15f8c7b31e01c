import * as fs from 'node:fs';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('start events', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'start-events.bpmn');
  });
  afterEach(() => t.close());

  const instances = (bpmnProcessId: string) =>
    t.query<{ key: number; state: string }>(
      'SELECT key, state FROM process_instance WHERE bpmn_process_id = ? ORDER BY key',
      bpmnProcessId,
    );

  it('a message start event starts an instance with the message variables, one at a time per correlation key', async () => {
    await t.zbc.publishMessage({ name: 'order-placed', correlationKey: 'c-1', variables: { item: 'book' } });
    expect(instances('message-start')).toHaveLength(1);
    const job = await t.nextJob('handle-order');
    expect(job.variables).toEqual({ item: 'book' });
    // while that instance runs, the same correlation key starts nothing
    await t.zbc.publishMessage({ name: 'order-placed', correlationKey: 'c-1', variables: {} });
    expect(instances('message-start')).toHaveLength(1);
    // another key starts another instance
    await t.zbc.publishMessage({ name: 'order-placed', correlationKey: 'c-2', variables: {} });
    expect(instances('message-start')).toHaveLength(2);
    // once the first ended, the key can start again
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    await t.zbc.publishMessage({ name: 'order-placed', correlationKey: 'c-1', variables: {} });
    expect(instances('message-start')).toHaveLength(3);
  });

  it('a buffered message waits for the running instance of its correlation key, then starts the next', async () => {
    await t.zbc.publishMessage({
      name: 'order-placed',
      correlationKey: 'c-9',
      timeToLive: 60_000,
      variables: { n: 1 },
    });
    await t.zbc.publishMessage({
      name: 'order-placed',
      correlationKey: 'c-9',
      timeToLive: 60_000,
      variables: { n: 2 },
    });
    expect(instances('message-start')).toHaveLength(1);
    const first = await t.nextJob('handle-order');
    expect(first.variables).toEqual({ n: 1 });
    await t.zbc.completeJob({ jobKey: first.key, variables: {} });
    expect(instances('message-start')).toHaveLength(2);
    const second = await t.nextJob('handle-order');
    expect(second.variables).toEqual({ n: 2 });
  });

  it('a timer start event with a cycle starts an instance per repetition', async () => {
    for (let i = 1; i <= 2; i++) {
      t.clock.advance(3600_000);
      await t.until(() => instances('timer-start').length === i, `instance ${i} started`);
    }
    expect(t.query("SELECT * FROM timer WHERE element_id = 'ts-start'")).toHaveLength(0);
  });

  it('a new version takes over the timer start event of the previous one', async () => {
    const xml = fs.readFileSync(`${__dirname}/start-events.bpmn`, 'utf8').replace('R2/PT1H', 'R2/PT2H');
    await t.zbc.deployResource({ name: 'start-events.bpmn', process: Buffer.from(xml) });
    expect(t.query("SELECT * FROM timer WHERE element_id = 'ts-start'")).toHaveLength(1);
  });

  it('a signal start event starts an instance per broadcast', async () => {
    await t.zbc.broadcastSignal({ signalName: 'alarm', variables: { level: 3 } });
    const [instance] = instances('signal-start');
    expect(instance.state).toBe('COMPLETED');
    expect(t.variables(String(instance.key))).toEqual({ level: 3 });
  });
});
