import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';

describe('ActivateJobs: a real long poll', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(path.join(__dirname, '..', 'runtime', 'tasks'), 'service-task.bpmn');
  });
  afterAll(() => t.close());

  const poll = (requestTimeout: number, maxJobsToActivate = 10) =>
    t.zbc.activateJobs({
      type: 'charge-eur',
      worker: 'poller',
      maxJobsToActivate,
      timeout: 60_000,
      requestTimeout,
    } as never);

  it('answers a negative request timeout at once, empty', async () => {
    const started = Date.now();
    expect(await poll(-1)).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers a waiting poll as soon as a job appears, not at the end of its timeout', async () => {
    // given a poll waiting up to 20 s
    const started = Date.now();
    const waiting = poll(20_000);
    await t.until(() => true, 'the poll is registered');
    // when an instance creates a job
    await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'eur', maxRetries: 1 },
    });
    // then the poll returns that job well before its timeout
    const jobs = await waiting;
    expect(jobs).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('activates at most maxJobsToActivate, and the rest for the next poll', async () => {
    for (let i = 0; i < 3; i++) {
      await t.zbc.createProcessInstance({
        bpmnProcessId: 'service-task',
        variables: { currency: 'eur', maxRetries: 1 },
      });
    }
    expect(await poll(-1, 2)).toHaveLength(2);
    expect(await poll(-1, 2)).toHaveLength(1);
  });
});
