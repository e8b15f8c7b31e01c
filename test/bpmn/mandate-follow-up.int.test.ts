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

  const HOUR = 60 * 60_000;
  const start = async (mandateId: string, over: Record<string, unknown> = {}) =>
    (
      await t.zbc.createProcessInstance({
        bpmnProcessId: 'mandate-follow-up',
        variables: {
          mandateId,
          ackDeadline: 'PT1H',
          // reminders every 24 h once the deadline has passed (what lifecycle/follow-up-plan.ts computes)
          reminderCycle: `R/${new Date(t.clock.now() + 25 * HOUR).toISOString()}/PT24H`,
          reportDeadline: 'P14D',
          reportPeriod: null,
          ...over,
        } as unknown as Record<string, string>,
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
    expect(t.path(key)).toEqual(expect.arrayContaining(['ReportBreach', 'FollowedUpEnd']));
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
    expect(t.path(key)).toContain('FollowedUpEnd');
    expect(t.path(key)).not.toContain('Escalate');
    expect(
      t.query("SELECT * FROM job WHERE process_instance_key = ? AND type = 'iplus:escalate'", Number(key)),
    ).toEqual([]);
  });

  it('after the escalation, reminds the recipient on the cycle, once per firing, until acknowledged', async () => {
    const key = await start('M-000004-POL');
    t.clock.advance(HOUR + 1);
    const escalation = await t.nextJob('iplus:escalate');
    await t.zbc.completeJob({ jobKey: escalation.key, variables: {} });
    const reminders: string[] = [];
    for (let n = 1; n <= 3; n++) {
      t.clock.advance(24 * HOUR);
      const job = await t.nextJob('iplus:remind');
      expect(job.variables).toMatchObject({ mandateId: 'M-000004-POL' });
      reminders.push(job.elementInstanceKey);
      await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    }
    expect(new Set(reminders).size).toBe(3); // three firings, three element instances
    await publish('MandateAcknowledged', 'M-000004-POL');
    await t.until(() => t.path(key).includes('AwaitAcknowledgement'), 'the acknowledgement arrived');
    t.clock.advance(48 * HOUR); // the cycle went with the wait: no more reminders
    await t.until(() => t.path(key, 'ACTIVATED').includes('MandateReported'), 'waiting for the report');
    expect(
      t.query("SELECT * FROM job WHERE process_instance_key = ? AND type = 'iplus:remind'", Number(key)),
    ).toHaveLength(3);
  });

  it('tells the parquet when the report deadline passes, then asks for periodic reports until closed', async () => {
    const key = await start('M-000005-JH', { reportDeadline: 'P7D', reportPeriod: 'P90D' });
    await publish('MandateAcknowledged', 'M-000005-JH');
    await t.until(() => t.path(key).includes('AwaitAcknowledgement'), 'acknowledged');
    t.clock.advance(7 * 24 * HOUR + 1);
    const overdue = await t.nextJob('iplus:report-overdue');
    await t.zbc.completeJob({ jobKey: overdue.key, variables: {} });
    await publish('MandateReported', 'M-000005-JH', {
      report: { outcome: 'guidance_started', breach: false, at: '2026-01-09T10:00:00Z', by: 'assistant' },
    });
    await t.until(() => t.path(key, 'ACTIVATED').includes('NextReportDue'), 'waiting for the period');
    t.clock.advance(90 * 24 * HOUR);
    const due = await t.nextJob('iplus:request-report');
    await t.zbc.completeJob({ jobKey: due.key, variables: {} });
    await t.until(
      () => t.path(key).includes('RequestReport') && t.path(key, 'ACTIVATED').includes('MandateReported'),
      'waiting for the second report',
    );
    await publish('MandateClosed', 'M-000005-JH');
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'closed');
    expect(t.path(key)).toContain('ClosedEnd');
  });

  it('ignores messages for another mandate', async () => {
    const key = await start('M-000003-POL');
    await publish('MandateAcknowledged', 'M-999999-POL');
    await t.until(() => t.path(key, 'ACTIVATED').includes('MandateAcknowledged'), 'the wait is open');
    expect(t.path(key)).not.toContain('AwaitAcknowledgement');
  });
});
