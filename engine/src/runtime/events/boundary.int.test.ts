import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('boundary events', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'boundary.bpmn');
  });
  afterEach(() => t.close());

  const start = async (bpmnProcessId = 'boundary') =>
    (await t.zbc.createProcessInstance({ bpmnProcessId, variables: { orderId: 'o-1' } })).processInstanceKey;
  const jobState = (key: string) =>
    t.query<{ state: string }>('SELECT state FROM job WHERE process_instance_key = ?', Number(key))[0]?.state;

  it('an interrupting timer terminates the activity and its job, and takes its own path', async () => {
    const key = await start();
    await t.nextJob('boundary-work');
    t.clock.advance(5 * 60_000);
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'the timeout path completed');
    expect(t.path(key, 'TERMINATED')).toEqual(['work']);
    expect(t.path(key)).toContain('timed-out');
    expect(jobState(key)).toBe('CANCELED');
  });

  it('a non-interrupting cycle fires its repetitions while the activity goes on', async () => {
    const key = await start();
    const reminders = () => t.path(key).filter((id) => id === 'remind').length;
    const reminderTimers = () =>
      t.query("SELECT * FROM timer WHERE process_instance_key = ? AND element_id = 'reminder'", Number(key))
        .length;
    for (let i = 1; i <= 3; i++) {
      t.clock.advance(60_000);
      await t.until(() => reminders() === i, `reminder ${i} fired`);
    }
    // R3: after the third reminder the cycle is over; the timeout (5 minutes) has not fired yet
    expect(reminderTimers()).toBe(0);
    expect(t.instanceState(key)).toBe('ACTIVE');
    const job = await t.nextJob('boundary-work');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(
      t.query("SELECT * FROM timer WHERE process_instance_key = ? AND state = 'CREATED'", Number(key)),
    ).toHaveLength(0);
  });

  it('an interrupting message boundary event cancels the activity', async () => {
    const key = await start();
    await t.zbc.publishMessage({
      name: 'cancel-order',
      correlationKey: 'o-1',
      variables: { reason: 'customer' },
    });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(['start', 'cancelled', 'cancelled-end']);
    expect(t.variables(key)).toMatchObject({ reason: 'customer' });
  });

  it('a non-interrupting message boundary event can fire again and again', async () => {
    const key = await start();
    await t.zbc.publishMessage({ name: 'order-note', correlationKey: 'o-1', variables: {} });
    await t.zbc.publishMessage({ name: 'order-note', correlationKey: 'o-1', variables: {} });
    expect(t.path(key).filter((id) => id === 'noted')).toHaveLength(2);
    expect(t.instanceState(key)).toBe('ACTIVE');
  });

  it('an error thrown by the worker is caught by the boundary event with its code, with the error variables', async () => {
    const key = await start();
    const job = await t.nextJob('boundary-work');
    await t.zbc.throwError({
      jobKey: job.key,
      errorCode: 'DECLINED',
      errorMessage: 'card declined',
      variables: { code: 51 },
    } as never);
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(['start', 'declined-catch', 'declined-end']);
    expect(t.variables(key)).toMatchObject({ code: 51 });
  });

  it('an error boundary event without a code catches every error', async () => {
    const key = await start('catch-all');
    const job = await t.nextJob('catch-all-work');
    await t.zbc.throwError({ jobKey: job.key, errorCode: 'ANYTHING', errorMessage: '' });
    expect(t.path(key)).toEqual(['ca-start', 'ca-any', 'ca-caught']);
  });

  it('an uncaught error raises an incident; resolving it makes the job workable again', async () => {
    const key = await start('uncaught');
    const job = await t.nextJob('uncaught-work');
    await t.zbc.throwError({ jobKey: job.key, errorCode: 'NOPE', errorMessage: 'nobody catches this' });
    const [incident] = t.query<{ key: number; error_type: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(key),
    );
    expect(incident.error_type).toBe('UNHANDLED_ERROR_EVENT');
    expect(incident.error_message).toMatch(/NOPE/);
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    const again = await t.nextJob('uncaught-work');
    await t.zbc.completeJob({ jobKey: again.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
  });
});
