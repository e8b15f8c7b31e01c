import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('compensation events', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'compensation.bpmn');
  });
  afterEach(() => t.close());

  const start = async (bpmnProcessId: string) =>
    (await t.zbc.createProcessInstance({ bpmnProcessId, variables: {} })).processInstanceKey;
  const jobTypes = (key: string) =>
    t
      .query<{
        type: string;
      }>('SELECT type FROM job WHERE process_instance_key = ? ORDER BY key', Number(key))
      .map((j) => j.type);
  const work = async (type: string) => {
    const job = await t.nextJob(type);
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
  };

  it('a throw event invokes the handlers of the completed activities, latest first, and waits for all of them', async () => {
    const key = await start('compensation-throw');
    await work('book-hotel');
    await work('book-flight');
    // then both handlers run at once, created in reverse completion order; the throw event waits
    expect(jobTypes(key)).toEqual(['book-hotel', 'book-flight', 'cancel-flight', 'cancel-hotel']);
    expect(t.path(key, 'ACTIVATED')).toEqual(
      expect.arrayContaining(['undo-all', 'cancel-flight', 'cancel-hotel']),
    );
    await work('cancel-hotel');
    expect(t.instanceState(key)).toBe('ACTIVE');
    await work('cancel-flight');
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(t.path(key)).toContain('undo-all');
    expect(t.path(key).at(-1)).toBe('end');
  });

  it('an instance cancelled before anything completed invokes no handler', async () => {
    const key = await start('compensation-throw');
    await t.zbc.cancelProcessInstance(key);
    expect(t.instanceState(key)).toBe('TERMINATED');
    expect(jobTypes(key)).toEqual(['book-hotel']);
  });

  it('an end event naming a completed subprocess compensates inside it only', async () => {
    const key = await start('compensation-end');
    await work('ce-reserve');
    await work('ce-pay');
    expect(jobTypes(key)).toEqual(['ce-reserve', 'ce-pay', 'ce-refund']);
    expect(t.instanceState(key)).toBe('ACTIVE');
    await work('ce-refund');
    expect(t.instanceState(key)).toBe('COMPLETED');
    expect(jobTypes(key)).not.toContain('ce-release');
  });

  it('compensation state survives a restart', async () => {
    const key = await start('compensation-throw');
    await work('book-hotel');
    await t.restart();
    await work('book-flight');
    await t.restart();
    await work('cancel-flight');
    await work('cancel-hotel');
    expect(t.instanceState(key)).toBe('COMPLETED');
  });
});
