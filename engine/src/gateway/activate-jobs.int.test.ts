import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { TEST_AUTHORIZATION } from '../test-support/test-credentials';
import { loadGatewayService } from './proto';
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

  it.each([
    ['an empty job type', { type: '', maxJobsToActivate: 1, timeout: 1000 }, /job type/],
    ['maxJobsToActivate 0', { type: 'charge-eur', maxJobsToActivate: 0, timeout: 1000 }, /maxJobsToActivate/],
    ['a negative maxJobsToActivate', { type: 'charge-eur', maxJobsToActivate: -3, timeout: 1000 }, /-3/],
    ['a job timeout of 0', { type: 'charge-eur', maxJobsToActivate: 1, timeout: 0 }, /timeout/],
    ['a negative job timeout', { type: 'charge-eur', maxJobsToActivate: 1, timeout: -5 }, /-5/],
  ])('refuses %s with INVALID_ARGUMENT at once, without long-polling', async (_what, request, message) => {
    // given a request that asks for the default (10 s) long poll
    const started = Date.now();
    // when it is sent over gRPC
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    const raw = new Gateway(t.address, grpc.credentials.createInsecure()) as unknown as {
      ActivateJobs(r: object, m: grpc.Metadata): grpc.ClientReadableStream<unknown>;
      close(): void;
    };
    const metadata = new grpc.Metadata();
    metadata.set('authorization', TEST_AUTHORIZATION);
    const call = raw.ActivateJobs({ worker: 'poller', requestTimeout: 0, ...request }, metadata);
    const error = await new Promise<{ code?: number; details?: string }>((resolve) => {
      call.on('data', () => resolve({ details: 'got data' }));
      call.on('error', (e: grpc.ServiceError) => resolve(e));
      call.on('end', () => resolve({ details: 'ended' }));
    });
    raw.close();
    // then it is refused with Zeebe's code and a message naming the field, well before the poll would end
    expect(error.code).toBe(3);
    expect(error.details).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('accepts a poll without a worker name, as Zeebe does (the name is only for logging)', async () => {
    await t.zbc.createProcessInstance({
      bpmnProcessId: 'service-task',
      variables: { currency: 'eur', maxRetries: 1 },
    });
    const jobs = await t.zbc.activateJobs({
      type: 'charge-eur',
      worker: '',
      maxJobsToActivate: 1,
      timeout: 1000,
      requestTimeout: -1,
    } as never);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].worker).toBe('');
  });
});
