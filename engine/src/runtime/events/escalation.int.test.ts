import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('escalation events', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'escalation.bpmn');
  });
  afterEach(() => t.close());

  const start = async (bpmnProcessId: string, variables: Record<string, string> = {}) =>
    (await t.zbc.createProcessInstance({ bpmnProcessId, variables })).processInstanceKey;

  it('a throw event caught by a non-interrupting boundary event: both paths go on', async () => {
    const key = await start('escalation-throw');
    // then the boundary path ended and the subprocess went on past the throw event
    expect(t.path(key)).toEqual(expect.arrayContaining(['raise', 'noted', 'noted-end']));
    const job = await t.nextJob('escalation-finish');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(expect.arrayContaining(['work', 'end']));
    expect(t.path(key, 'TERMINATED')).toEqual([]);
  });

  it('an end event with a code expression: the interrupting boundary for that code wins over the catch-all', async () => {
    const key = await start('escalation-end', { code: 'LATE' });
    // then the subprocess (with the task and the throwing end event inside it) was terminated,
    // the sibling branch still runs
    expect(t.path(key, 'TERMINATED').sort()).toEqual(['ee-inner', 'ee-sub', 'ee-throw']);
    expect(t.path(key)).toContain('ee-late-end');
    expect(t.path(key)).not.toContain('ee-any');
    expect(t.instanceState(key)).toBe('ACTIVE');
    const job = await t.nextJob('escalation-wait');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).not.toContain('ee-end');
  });

  it('another code reaches the non-interrupting catch-all; the subprocess goes on', async () => {
    const key = await start('escalation-end', { code: 'SOMETHING' });
    expect(t.path(key)).toEqual(expect.arrayContaining(['ee-throw', 'ee-any', 'ee-any-end']));
    expect(t.path(key, 'TERMINATED')).toEqual([]);
    const inner = await t.nextJob('escalation-inner');
    await t.zbc.completeJob({ jobKey: inner.key, variables: {} });
    const wait = await t.nextJob('escalation-wait');
    await t.zbc.completeJob({ jobKey: wait.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toContain('ee-end');
  });

  it('an interrupting escalation event subprocess ends the process scope; the thrower does not go on', async () => {
    const key = await start('escalation-esp', { code: 'LATE' });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(expect.arrayContaining(['es-handle-late', 'es-late-end']));
    expect(t.path(key, 'TERMINATED')).toEqual(['es-late']);
    expect(t.query('SELECT * FROM job WHERE process_instance_key = ?', Number(key))).toHaveLength(0);
  });

  it('a non-interrupting escalation event subprocess runs beside the thrower, which goes on', async () => {
    const key = await start('escalation-esp', { code: 'OTHER' });
    expect(t.path(key)).toEqual(expect.arrayContaining(['es-other', 'es-handle-other', 'es-other-end']));
    const job = await t.nextJob('escalation-esp-work');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toContain('es-end');
  });

  it('an escalation nothing catches is no incident: the thrower goes on', async () => {
    const key = await start('escalation-child');
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.query('SELECT * FROM incident')).toHaveLength(0);
  });

  it('an escalation from a called process is caught on the call activity, which ends the child', async () => {
    const key = await start('escalation-caller');
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toEqual(expect.arrayContaining(['ca-late', 'ca-late-end']));
    expect(t.path(key, 'TERMINATED')).toEqual(['ca-call']);
    const child = t.query<{ state: string }>(
      'SELECT state FROM process_instance WHERE parent_process_instance_key = ?',
      Number(key),
    );
    expect(child.map((c) => c.state)).toEqual(['TERMINATED']);
  });
});
