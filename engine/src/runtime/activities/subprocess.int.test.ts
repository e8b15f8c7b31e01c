import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('embedded subprocess', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'subprocess.bpmn');
  });
  afterAll(() => t.close());

  it('runs its inside in its own variable scope; job results update the nearest scope defining them', async () => {
    // given an instance inside the subprocess, whose input mappings created local variables
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'subprocess',
      variables: { customer: { name: 'Ann' } },
    });
    const job = await t.nextJob('rate');
    expect(job.variables).toMatchObject({ reviewer: { customer: 'Ann' }, score: 0 });
    // when the worker returns `score` (defined in the subprocess) and `comment` (defined nowhere)
    await t.zbc.completeJob({ jobKey: job.key, variables: { score: 7, comment: 'fine' } });
    // then `score` stayed local to the subprocess and only left through the output mapping,
    // and `comment` went to the process instance
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(processInstanceKey)).toEqual({
      customer: { name: 'Ann' },
      finalScore: 7,
      comment: 'fine',
    });
    expect(t.path(processInstanceKey)).toEqual([
      'start',
      'review',
      'review-start',
      'rate',
      'review-end',
      'end',
    ]);
  });
});
