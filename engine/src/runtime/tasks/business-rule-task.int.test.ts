import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';
import { startZbctlClient, type ZbctlClient } from '../../test-support/zbctl-client';

// Spawns processes and long-polls: generous on a loaded machine.
jest.setTimeout(30_000);

describe('business rule task and decisions', () => {
  let t: TestEngine;
  let zbctl: ZbctlClient;
  beforeAll(async () => {
    zbctl = await startZbctlClient();
    t = await startTestEngine({ auth: zbctl.auth });
    // a deployment may mix BPMN and DMN (the deployment binding needs them together)
    const grpc = (
      t.zbc as unknown as { grpc: { deployResourceSync(r: unknown): Promise<{ deployments: unknown[] }> } }
    ).grpc;
    const r = await grpc.deployResourceSync({
      resources: ['routing.dmn', 'business-rule-task.bpmn'].map((name) => ({
        name,
        content: fs.readFileSync(path.join(__dirname, name)),
      })),
    });
    expect(r.deployments.length).toBe(5); // the requirements graph, its two decisions, two processes
  });
  afterAll(async () => {
    await t.close();
    await zbctl.close();
  });

  it('evaluates the decision chosen by an expression and stores its result', async () => {
    const r = await t.zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'route-case',
      variables: { province: 'hainaut', nis: '57081' },
    });
    expect(r.variables).toMatchObject({ routing: { policeZone: 'PZ-5318', justiceHouse: 'MJ-TOURNAI' } });
    const [instance] = t.query<{ state: string; decision_id: string; evaluated_decisions: string }>(
      'SELECT * FROM decision_instance WHERE process_instance_key = ?',
      Number(r.processInstanceKey),
    );
    expect(instance).toMatchObject({ state: 'EVALUATED', decision_id: 'routing-hainaut' });
    expect(JSON.parse(instance.evaluated_decisions)[0].matchedRules[0]).toMatchObject({
      ruleId: 'tournai',
      ruleIndex: 2,
    });
  });

  it('raises an incident naming the decision, the rules and the inputs when the evaluation fails', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'rate-urgency',
      variables: { days: 3 },
    });
    const [incident] = t.query<{ error_type: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident.error_type).toBe('DECISION_EVALUATION_ERROR');
    expect(incident.error_message).toMatch(/urgency/);
    expect(incident.error_message).toMatch(/soon|now/);
    expect(incident.error_message).toMatch(/3/);
  });

  it('raises an incident when no decision has the id', async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'route-case',
      variables: { province: 'liege', nis: '1' },
    });
    const [incident] = t.query<{ error_type: string; error_message: string }>(
      'SELECT * FROM incident WHERE process_instance_key = ?',
      Number(processInstanceKey),
    );
    expect(incident.error_type).toBe('CALLED_DECISION_ERROR');
    expect(incident.error_message).toMatch(/routing-liege/);
  });

  it('EvaluateDecision answers with the output and the matched rules; zbctl evaluate decision works', async () => {
    const r = await t.zbc.evaluateDecision({
      decisionId: 'routing-hainaut',
      variables: { nis: '53053' },
    } as never);
    expect(JSON.parse(r.decisionOutput)).toEqual({ policeZone: 'PZ-5324', justiceHouse: 'MJ-MONS' });
    expect(r.evaluatedDecisions[0].matchedRules[0].ruleId).toBe('mons');
    expect(r.decisionVersion).toBe(1);
    const stdout = await zbctl.run(
      t.address,
      'evaluate',
      'decision',
      'routing-hainaut',
      '--variables',
      '{"nis":"57081"}',
    );
    expect(JSON.parse(JSON.parse(stdout).decisionOutput)).toEqual({
      policeZone: 'PZ-5318',
      justiceHouse: 'MJ-TOURNAI',
    });
    const failed = await t.zbc.evaluateDecision({ decisionId: 'urgency', variables: { days: 1 } } as never);
    expect(failed.failedDecisionId).toBe('urgency');
    expect(failed.failureMessage).toMatch(/urgency/);
    await expect(t.zbc.evaluateDecision({ decisionId: 'nope', variables: {} } as never)).rejects.toThrow(
      /INVALID_ARGUMENT|no such decision/,
    );
  });

  it('refuses an invalid table on deploy, naming the decision', async () => {
    const bad = fs
      .readFileSync(path.join(__dirname, 'routing.dmn'), 'utf8')
      .replace('"57081"</text></inputEntry>', '"53053"</text></inputEntry>');
    await expect(t.zbc.deployResource({ name: 'bad.dmn', decision: Buffer.from(bad) })).rejects.toThrow(
      /routing-hainaut/,
    );
  });
});
