import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';

/** gRPC status codes as numbers (what zeebe-node errors carry in `code`). */
const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;
const FAILED_PRECONDITION = 9;
const DEADLINE_EXCEEDED = 4;

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: number }) => e.code,
  );

// Spawns processes and long-polls: generous on a loaded machine.
jest.setTimeout(30_000);

describe('gateway: Zeebe status codes for refused commands', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.deploy(path.join(__dirname, '..', 'runtime', 'events'), 'start-events.bpmn');
    await t.deploy(__dirname, 'conformance.bpmn');
  });
  afterAll(() => t.close());

  it('NOT_FOUND for keys and ids that do not exist', async () => {
    const zbc = t.zbc;
    expect(await code(zbc.createProcessInstance({ bpmnProcessId: 'nope', variables: {} }))).toBe(NOT_FOUND);
    expect(
      await code(
        zbc.createProcessInstance({ bpmnProcessId: 'conformance', version: 9, variables: {} } as never),
      ),
    ).toBe(NOT_FOUND);
    expect(await code(zbc.completeJob({ jobKey: '2251799813699999', variables: {} }))).toBe(NOT_FOUND);
    expect(
      await code(zbc.failJob({ jobKey: '2251799813699999', retries: 1, errorMessage: '', retryBackOff: 0 })),
    ).toBe(NOT_FOUND);
    expect(await code(zbc.throwError({ jobKey: '2251799813699999', errorCode: 'x', errorMessage: '' }))).toBe(
      NOT_FOUND,
    );
    expect(await code(zbc.updateJobRetries({ jobKey: '2251799813699999', retries: 1 }))).toBe(NOT_FOUND);
    expect(await code(zbc.resolveIncident({ incidentKey: '2251799813699999' }))).toBe(NOT_FOUND);
    expect(await code(zbc.cancelProcessInstance('2251799813699999'))).toBe(NOT_FOUND);
    expect(
      await code(zbc.setVariables({ elementInstanceKey: '2251799813699999', variables: {}, local: true })),
    ).toBe(NOT_FOUND);
  });

  it('INVALID_ARGUMENT for malformed requests', async () => {
    const grpc = (t.zbc as unknown as { grpc: Record<string, (r: unknown) => Promise<unknown>> }).grpc;
    expect(
      await code(
        grpc.createProcessInstanceSync({ bpmnProcessId: 'conformance', version: -1, variables: '[1]' }),
      ),
    ).toBe(INVALID_ARGUMENT);
    expect(await code(grpc.publishMessageSync({ name: '', correlationKey: 'x', variables: '{}' }))).toBe(
      INVALID_ARGUMENT,
    );
    expect(await code(grpc.completeJobSync({ jobKey: '1', variables: 'not json' }))).toBe(INVALID_ARGUMENT);
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'conformance',
      variables: { ref: 'x' },
    });
    const job = await t.nextJob('conformance-work');
    expect(await code(t.zbc.updateJobRetries({ jobKey: job.key, retries: 0 }))).toBe(INVALID_ARGUMENT);
    await t.zbc.cancelProcessInstance(processInstanceKey);
    expect(await code(grpc.deployResourceSync({ resources: [] }))).toBe(INVALID_ARGUMENT);
  });

  it('FAILED_PRECONDITION for commands that do not fit the current state', async () => {
    // a process with only a message start event cannot be started directly
    expect(await code(t.zbc.createProcessInstance({ bpmnProcessId: 'message-start', variables: {} }))).toBe(
      FAILED_PRECONDITION,
    );
    // a job that is not activated cannot be failed
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'conformance',
      variables: { ref: 'y' },
    });
    const job = await t.nextJob('conformance-work');
    await t.zbc.failJob({ jobKey: job.key, retries: 1, errorMessage: 'again', retryBackOff: 0 });
    expect(
      await code(t.zbc.failJob({ jobKey: job.key, retries: 1, errorMessage: '', retryBackOff: 0 })),
    ).toBe(FAILED_PRECONDITION);
    await t.zbc.cancelProcessInstance(processInstanceKey);
  });

  it('CreateProcessInstanceWithResult returns the selected variables, or DEADLINE_EXCEEDED', async () => {
    const worker = t.zbc.createWorker({
      taskType: 'conformance-work',
      taskHandler: (job: { complete(variables: object): unknown }) => job.complete({ a: 1, b: 2 }),
      pollInterval: 10,
    } as never);
    const waiting = t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'conformance',
      variables: { ref: 'z' },
      fetchVariables: ['a'],
      requestTimeout: 10_000,
    } as never);
    await t.until(
      () => t.query("SELECT * FROM message_subscription WHERE correlation_key = 'z'").length === 1,
      'the instance waits for the message',
    );
    await t.zbc.publishMessage({ name: 'acknowledged', correlationKey: 'z', variables: {} });
    expect((await waiting).variables).toEqual({ a: 1 });
    expect(
      await code(
        t.zbc.createProcessInstanceWithResult({
          bpmnProcessId: 'conformance',
          variables: { ref: 'never' },
          requestTimeout: 300,
        } as never),
      ),
    ).toBe(DEADLINE_EXCEEDED);
    await worker.close();
  });

  it('the deprecated DeployProcess still deploys', async () => {
    const r = await t.zbc.deployProcess(path.join(__dirname, 'conformance.bpmn'));
    expect(r.processes[0]).toMatchObject({ bpmnProcessId: 'conformance', version: 1 });
  });
});
