import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '../clock/manual-clock';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';
import { TEST_CLIENT } from '../test-support/test-credentials';
import { startTokenIssuer, type TokenIssuer } from '../test-support/token-issuer';

const run = promisify(execFile);
/** The zbctl binary that `npx zbctl` runs (npm package zbctl 8.4). */
const ZBCTL = path.join(path.dirname(require.resolve('zbctl/package.json')), 'bin', 'zbctl');

// Spawns processes and long-polls: generous on a loaded machine.
jest.setTimeout(30_000);

const AUDIENCE = 'urn:iplus:engine';
const ZBCTL_CLIENT = { clientId: 'zbctl', clientSecret: 'zbctl-secret-for-tests' };

describe('conformance: the zbctl CLI drives the engine (OAuth client credentials, as against Camunda 8)', () => {
  let t: TestEngine;
  let issuer: TokenIssuer;
  let cacheDir: string;
  const credentials = () => [
    '--clientId',
    ZBCTL_CLIENT.clientId,
    '--clientSecret',
    ZBCTL_CLIENT.clientSecret,
    '--authzUrl',
    issuer.tokenUrl,
    '--audience',
    AUDIENCE,
    '--clientCache',
    path.join(cacheDir, 'credentials'),
  ];
  const zbctl = async (...args: string[]) => {
    const { stdout } = await run(ZBCTL, ['--insecure', '--address', t.address, ...credentials(), ...args], {
      timeout: 20_000,
    });
    return stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await zbctl(...args));
  const fails = async (...args: string[]) =>
    run(ZBCTL, ['--insecure', '--address', t.address, ...args], { timeout: 20_000 }).then(
      () => '',
      (e: { stderr: string }) => e.stderr,
    );

  beforeAll(async () => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-zbctl-'));
    issuer = await startTokenIssuer([ZBCTL_CLIENT]);
    t = await startTestEngine({
      clock: new ManualClock(Date.now()),
      auth: { basic: TEST_CLIENT, oauth: { issuer: issuer.issuer, audience: AUDIENCE } },
    });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('without credentials every command is refused with UNAUTHENTICATED', async () => {
    expect(await fails('status')).toMatch(/Unauthenticated[\s\S]*no credentials/);
    expect(await fails('cancel', 'instance', '2251799813999999')).toMatch(/Unauthenticated/);
    expect(await fails('activate', 'jobs', 'conformance-work')).toMatch(/Unauthenticated/);
  });

  it('status shows one healthy leader partition', async () => {
    const out = await zbctl('status');
    expect(out).toMatch(/Partition 1 : Leader, Healthy/);
    expect(out).toMatch(/Gateway version: 8\./);
  });

  it('deploy, create, activate, complete, publish: an instance runs to its end', async () => {
    const deployed = await json('deploy', path.join(__dirname, 'conformance.bpmn'));
    expect(deployed.processes[0]).toMatchObject({ bpmnProcessId: 'conformance', version: 1 });
    const created = await json('create', 'instance', 'conformance', '--variables', '{"ref":"R-1"}');
    const activated = await json('activate', 'jobs', 'conformance-work', '--maxJobsToActivate', '1');
    expect(activated.jobs).toHaveLength(1);
    expect(JSON.parse(activated.jobs[0].variables)).toEqual({ ref: 'R-1' });
    await zbctl('complete', 'job', activated.jobs[0].key, '--variables', '{"done":true}');
    await zbctl(
      'publish',
      'message',
      'acknowledged',
      '--correlationKey',
      'R-1',
      '--variables',
      '{"ack":true}',
    );
    expect(t.instanceState(created.processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(created.processInstanceKey)).toEqual({ ref: 'R-1', done: true, ack: true });
  });

  it('fail to an incident, update retries, resolve; cancel', async () => {
    const created = await json('create', 'instance', 'conformance', '--variables', '{"ref":"R-2"}');
    const [job] = (await json('activate', 'jobs', 'conformance-work', '--maxJobsToActivate', '1')).jobs;
    await zbctl('fail', 'job', job.key, '--retries', '0', '--errorMessage', 'broken');
    const [incident] = t.query<{ key: number; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(created.processInstanceKey),
    );
    expect(incident.error_message).toBe('broken');
    await zbctl('update', 'retries', job.key, '--retries', '1');
    await zbctl('resolve', 'incident', String(incident.key));
    const again = await json('activate', 'jobs', 'conformance-work', '--maxJobsToActivate', '1');
    expect(again.jobs[0].key).toBe(job.key);
    await zbctl('cancel', 'instance', created.processInstanceKey);
    expect(t.instanceState(created.processInstanceKey)).toBe('TERMINATED');
  });

  it('set variables, throw an error, broadcast a signal, and report NOT_FOUND', async () => {
    const created = await json('create', 'instance', 'conformance', '--variables', '{"ref":"R-3"}');
    await zbctl('set', 'variables', created.processInstanceKey, '--variables', '{"extra":1}');
    expect(t.variables(created.processInstanceKey)).toMatchObject({ extra: 1 });
    const [job] = (await json('activate', 'jobs', 'conformance-work', '--maxJobsToActivate', '1')).jobs;
    await zbctl('throwError', 'job', job.key, '--errorCode', 'UNCAUGHT');
    expect(
      t.query(
        'SELECT * FROM incident WHERE process_instance_key = ? AND error_type = ?',
        Number(created.processInstanceKey),
        'UNHANDLED_ERROR_EVENT',
      ),
    ).toHaveLength(1);
    await zbctl('broadcast', 'signal', 'nobody-listens');
    expect(await fails(...credentials(), 'complete', 'job', '2251799813999999')).toMatch(
      /NotFound|NOT_FOUND/,
    );
    expect(await fails(...credentials(), 'cancel', 'instance', '2251799813999999')).toMatch(
      /NotFound|NOT_FOUND/,
    );
  });

  it('deploy resource: a decision model, a form and a process in one deployment, listed as Zeebe orders them', async () => {
    const out = await json(
      'deploy',
      'resource',
      path.join(__dirname, '..', 'dmn', 'drg', 'invoice.dmn'),
      path.join(__dirname, '..', 'runtime', 'tasks', 'review.form'),
      path.join(__dirname, '..', 'runtime', 'tasks', 'user-task.bpmn'),
    );
    const kinds = (out.deployments as Array<Record<string, unknown>>).map((d) => Object.keys(d)[0]);
    expect(kinds).toEqual([
      'process',
      'process',
      'process',
      'process',
      ...Array(5).fill('decision'),
      'decisionRequirements',
      'form',
    ]);
    expect(out.deployments.at(-1).form).toMatchObject({ formId: 'review-form', version: 1 });
  });

  it('activate jobs with maxJobsToActivate 0 is refused at once with InvalidArgument', async () => {
    const started = Date.now();
    expect(
      await fails(...credentials(), 'activate', 'jobs', 'conformance-work', '--maxJobsToActivate', '0'),
    ).toMatch(/InvalidArgument[\s\S]*maxJobsToActivate/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
