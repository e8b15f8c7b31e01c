import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';

describe('service task', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'service-task.bpmn');
  });
  afterEach(() => t.close());

  it('creates a job with the evaluated type, retries and headers, and completes with the worker variables', async () => {
    // given an instance waiting at the service task
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'eur', maxRetries: 5, amount: 10 },
    });
    // when a worker takes the job and completes it
    const job = await t.nextJob('charge-eur');
    expect(job.retries).toBe(5);
    expect(job.customHeaders).toEqual({ method: 'card' });
    expect(job.variables).toMatchObject({ currency: 'eur', amount: 10 });
    expect(job.elementId).toBe('charge');
    await t.zbc.completeJob({ jobKey: job.key, variables: { charged: true } });
    // then the instance completes with the merged variables
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(processInstanceKey)).toMatchObject({ charged: true, amount: 10 });
    expect(t.path(processInstanceKey)).toEqual(['start', 'charge', 'end']);
  });

  it('only fetches the requested variables', async () => {
    await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'eur', maxRetries: 1, a: 1, b: 2 },
    });
    const job = await t.nextJob('charge-eur', ['a']);
    expect(job.variables).toEqual({ a: 1 });
  });

  it('raises an incident when the retries run out, and continues once retries are given back and it is resolved', async () => {
    // given a job failed to zero retries
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'usd', maxRetries: 2 },
    });
    let job = await t.nextJob('charge-usd');
    await t.zbc.failJob({ jobKey: job.key, retries: 1, errorMessage: 'card declined', retryBackOff: 0 });
    job = await t.nextJob('charge-usd');
    expect(job.retries).toBe(1);
    await t.zbc.failJob({
      jobKey: job.key,
      retries: 0,
      errorMessage: 'card declined again',
      retryBackOff: 0,
    });
    const [incident] = t.query<{
      key: number;
      error_type: string;
      error_message: string;
      job_key: number;
      state: string;
    }>('SELECT * FROM incident WHERE process_instance_key = ?', Number(processInstanceKey));
    expect(incident).toMatchObject({
      error_type: 'JOB_NO_RETRIES',
      error_message: 'card declined again',
      state: 'ACTIVE',
    });
    // then completing it is refused while it is failed, and resolving without retries is refused
    await expect(t.zbc.completeJob({ jobKey: job.key, variables: {} })).rejects.toThrow(
      /FAILED_PRECONDITION|resolve its incident/,
    );
    await expect(t.zbc.resolveIncident({ incidentKey: String(incident.key) })).rejects.toThrow(
      /no retries left/,
    );
    // when retries are given back and the incident resolved
    await t.zbc.updateJobRetries({ jobKey: job.key, retries: 3 });
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    // then the job can be worked again and the instance completes
    job = await t.nextJob('charge-usd');
    expect(job.retries).toBe(3);
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    await expect(t.zbc.resolveIncident({ incidentKey: String(incident.key) })).rejects.toThrow(
      /NOT_FOUND|no such incident/,
    );
  });

  it('waits out the retry back-off on the engine clock', async () => {
    await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'chf', maxRetries: 3 },
    });
    const job = await t.nextJob('charge-chf');
    await t.zbc.failJob({ jobKey: job.key, retries: 2, errorMessage: 'later', retryBackOff: 60_000 });
    const none = await t.zbc.activateJobs({
      type: 'charge-chf',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 1000,
      requestTimeout: -1,
    } as never);
    expect(none).toHaveLength(0);
    t.clock.advance(60_000);
    const again = await t.nextJob('charge-chf');
    expect(again.key).toBe(job.key);
  });

  it('makes a timed-out job activatable again; completing it after another worker did answers NOT_FOUND', async () => {
    await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'gbp', maxRetries: 3 },
    });
    const first = await t.nextJob('charge-gbp');
    t.clock.advance(61_000);
    const second = await t.nextJob('charge-gbp');
    expect(second.key).toBe(first.key);
    await t.zbc.completeJob({ jobKey: second.key, variables: {} });
    await expect(t.zbc.completeJob({ jobKey: first.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND|no such job/,
    );
  });

  it('keeps FailJob variables local to the task', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'sek', maxRetries: 3 },
    });
    const job = await t.nextJob('charge-sek');
    // zeebe-node 8.3 does not send FailJob variables; the raw gRPC call does
    const grpc = (t.zbc as unknown as { grpc: { failJobSync(r: unknown): Promise<unknown> } }).grpc;
    await grpc.failJobSync({
      jobKey: job.key,
      retries: 2,
      errorMessage: 'again',
      retryBackOff: 0,
      variables: '{"attempt":1}',
    });
    const again = await t.nextJob('charge-sek');
    expect(again.variables).toMatchObject({ attempt: 1 });
    await t.zbc.completeJob({ jobKey: again.key, variables: {} });
    expect(t.variables(processInstanceKey)).not.toHaveProperty('attempt');
  });

  it('raises an incident when an input mapping fails, and applies it again once resolved', async () => {
    // given a mapping that cannot be evaluated while `name` is missing
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'mapped-task',
      variables: {},
    });
    const [incident] = t.query<{ key: number; error_type: string; element_id: string }>(
      "SELECT * FROM incident WHERE process_instance_key = ? AND state = 'ACTIVE'",
      Number(processInstanceKey),
    );
    expect(incident).toMatchObject({ error_type: 'IO_MAPPING_ERROR', element_id: 'mapped' });
    // when the variable is fixed and the incident resolved, the mapping is applied and the job created
    await t.zbc.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { name: 'ann' },
      local: false,
    });
    await t.zbc.resolveIncident({ incidentKey: String(incident.key) });
    const job = await t.nextJob('mapped');
    expect(job.variables).toMatchObject({ label: 'ANN' });
  });

  it('rejects variables that are not a JSON object', async () => {
    await expect(
      t.zbc.createProcessInstance({ bpmnProcessId: 'service-task', variables: [1, 2] as never }),
    ).rejects.toThrow(/INVALID_ARGUMENT|JSON object/);
  });
});
