import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('event subprocess', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'event-subprocess.bpmn');
  });
  afterEach(() => t.close());

  const start = async () =>
    (await t.zbc.createProcessInstance({ bpmnProcessId: 'event-subprocess', variables: { caseId: 'k-1' } }))
      .processInstanceKey;

  it('a non-interrupting message start runs alongside, as often as the message comes', async () => {
    const key = await start();
    await t.zbc.publishMessage({ name: 'update-case', correlationKey: 'k-1', variables: { note: 'a' } });
    await t.zbc.publishMessage({ name: 'update-case', correlationKey: 'k-1', variables: { note: 'b' } });
    expect(t.path(key).filter((id) => id === 'on-update')).toHaveLength(2);
    expect(t.instanceState(key)).toBe('ACTIVE');
    expect(t.variables(key)).toMatchObject({ note: 'b' });
  });

  it('an interrupting message start terminates the scope, and the instance completes after the event subprocess', async () => {
    const key = await start();
    await t.zbc.publishMessage({ name: 'cancel-case', correlationKey: 'k-1', variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key, 'TERMINATED')).toEqual(['work']);
    expect(t.path(key)).toEqual(['start', 'on-cancel', 'cancel-start', 'cancel-end']);
    // the other event subprocesses no longer wait
    expect(
      t.query(
        "SELECT * FROM message_subscription WHERE process_instance_key = ? AND state = 'CREATED'",
        Number(key),
      ),
    ).toHaveLength(0);
    expect(t.query('SELECT * FROM timer WHERE process_instance_key = ?', Number(key))).toHaveLength(0);
  });

  it('an interrupting timer start fires on the engine clock', async () => {
    const key = await start();
    t.clock.advance(24 * 3600_000);
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'the deadline event subprocess completed');
    expect(t.path(key)).toContain('on-deadline');
  });

  it('an error start catches an error thrown by a job in its scope', async () => {
    const key = await start();
    const job = await t.nextJob('case-work');
    await t.zbc.throwError({ jobKey: job.key, errorCode: 'FATAL', errorMessage: 'boom' });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toContain('on-fatal');
  });
});
