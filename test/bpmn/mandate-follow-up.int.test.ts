import { join } from 'node:path';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';

// bpmn/mandate-follow-up.bpmn on the embedded engine (real gRPC, real SQLite, a clock the test moves):
// the acknowledgement wait, the escalation that keeps waiting, the report and the breach branch that
// conditional-release shares.
const BPMN_DIR = join(__dirname, '..', '..', 'bpmn');

describe('process mandate-follow-up on the embedded engine', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(BPMN_DIR, 'mandate-follow-up.bpmn');
  });
  afterEach(() => t.close());

  const start = async (mandateId: string) =>
    (
      await t.zbc.createProcessInstance({
        bpmnProcessId: 'mandate-follow-up',
        variables: { mandateId, ackDeadline: 'PT1H' },
      })
    ).processInstanceKey;
  const publish = (name: string, mandateId: string, variables: Record<string, unknown> = {}) =>
    t.zbc.publishMessage({ name, correlationKey: mandateId, variables, timeToLive: 0 });
  const breach = {
    outcome: 'person_absent',
    breach: true,
    text: 'Nobody at home',
    at: '2026-01-01T12:00:00.000Z',
    by: 'agent.pz5318',
  };

  it('escalates once the deadline passes, keeps waiting, and reports a breach to the parquet', async () => {
    const key = await start('M-000001-POL');
    t.clock.advance(60 * 60_000 + 1);
    const escalation = await t.nextJob('iplus:escalate');
    expect(escalation.variables).toMatchObject({ mandateId: 'M-000001-POL' });
    await t.zbc.completeJob({ jobKey: escalation.key, variables: {} });
    await t.until(() => t.path(key).includes('EscalatedEnd'), 'the escalation branch ended');
    expect(t.instanceState(key)).toBe('ACTIVE'); // still waiting for the acknowledgement

    await publish('MandateAcknowledged', 'M-000001-POL', { acknowledgedBy: 'agent.pz5318' });
    await t.until(() => t.path(key).includes('AwaitAcknowledgement'), 'the acknowledgement arrived');
    await publish('MandateReported', 'M-000001-POL', { report: breach });
    const job = await t.nextJob('iplus:report-breach');
    expect(job.variables).toMatchObject({ mandateId: 'M-000001-POL', report: breach });
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'the instance completed');
    expect(t.path(key)).toEqual(expect.arrayContaining(['ReportBreach', 'BreachReportedEnd']));
    expect(t.variables(key)).toMatchObject({ mandateId: 'M-000001-POL', report: breach });
    expect(t.variables(key)).not.toHaveProperty('acknowledgedBy'); // message variables stay on the event
  });

  it('ends without escalation or breach when acknowledged in time and reported without breach', async () => {
    const key = await start('M-000002-JH');
    await publish('MandateAcknowledged', 'M-000002-JH');
    await t.until(() => t.path(key).includes('AwaitAcknowledgement'), 'the acknowledgement arrived');
    t.clock.advance(2 * 60 * 60_000); // the deadline passes after the acknowledgement: nothing happens
    await publish('MandateReported', 'M-000002-JH', {
      report: {
        outcome: 'guidance_started',
        breach: false,
        at: '2026-01-01T13:00:00.000Z',
        by: 'assistant.tournai',
      },
    });
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'the instance completed');
    expect(t.path(key)).toContain('ReportedEnd');
    expect(t.path(key)).not.toContain('Escalate');
    expect(
      t.query("SELECT * FROM job WHERE process_instance_key = ? AND type = 'iplus:escalate'", Number(key)),
    ).toEqual([]);
  });

  it('ignores messages for another mandate', async () => {
    const key = await start('M-000003-POL');
    await publish('MandateAcknowledged', 'M-999999-POL');
    await t.until(() => t.path(key, 'ACTIVATED').includes('MandateAcknowledged'), 'the wait is open');
    expect(t.path(key)).not.toContain('AwaitAcknowledgement');
  });
});
