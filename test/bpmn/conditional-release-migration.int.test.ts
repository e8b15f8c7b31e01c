import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { TEST_CLIENT } from '../../engine/src/test-support/test-credentials';

// A real bpmn/conditional-release.bpmn case waiting in its measure period (signalement made, both
// mandates followed up by mandate-follow-up instances, the measure end timer set) migrates on the
// embedded engine (real gRPC, real SQLite) to a copy whose revision task changed: its subscriptions
// (revision, revocation, move, measure end) survive, and the revision reaches the new version's task.
const BPMN_DIR = join(__dirname, '..', '..', 'bpmn');
const DAY = 24 * 3600_000;

/** Every element a case in the measure period is in, or waits for, mapped to itself (as the platform proposes). */
const MAPPING = [
  'MeasurePeriod',
  'Mandates',
  'FollowUp',
  'EndWait',
  'MeasureEndReached',
  'EndChanged',
  'DomicileMoved',
  'MeasureRevised',
  'MeasureRevoked',
].map((id) => ({ sourceElementId: id, targetElementId: id }));

describe('migrating a conditional-release case in its measure period', () => {
  let t: TestEngine;
  let dir: string;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  beforeEach(async () => {
    t = await startTestEngine();
    zeebe = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
    dir = mkdtempSync(join(tmpdir(), 'iplus-cr-migration-'));
    await t.deploy(BPMN_DIR, 'mandate-follow-up.bpmn', 'conditional-release.bpmn');
  });
  afterEach(async () => {
    await zeebe.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A case started in its measure period, its signalement made and both mandates issued. */
  async function inMeasurePeriod(decisionId: string): Promise<{ key: string; measureEnd: number }> {
    const measureEnd = t.clock.now() + 90 * DAY;
    const { processInstanceKey: key } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'conditional-release',
      variables: {
        decisionId,
        province: 'BE-WHT',
        ackDeadline: 'PT24H',
        measureEnd: new Date(measureEnd).toISOString(),
        recipients: [
          { kind: 'police_check', agencyId: 'PZ-5318' },
          { kind: 'guidance', agencyId: 'MJ-MONS' },
        ],
      } as never,
      startInstructions: [{ elementId: 'MeasurePeriod' }],
    } as never);
    const signalement = await t.nextJob('iplus:create-signalement');
    await t.zbc.completeJob({ jobKey: signalement.key, variables: { signalementId: `S-${decisionId}` } });
    for (const n of [1, 2]) {
      const issue = await t.nextJob('iplus:issue-mandate');
      await t.zbc.completeJob({
        jobKey: issue.key,
        variables: {
          mandateId: `M-${decisionId}-${n}`,
          followUp: {
            reminderCycle: `R/${new Date(t.clock.now() + 2 * DAY).toISOString()}/PT24H`,
            reportDeadline: 'P14D',
            reportPeriod: null,
          },
        },
      });
    }
    await t.until(() => children(key).length === 2, 'both mandates are followed up');
    return { key, measureEnd };
  }
  const children = (key: string) =>
    t.query<{ key: number; parent_element_instance_key: number; state: string }>(
      'SELECT key, parent_element_instance_key, state FROM process_instance WHERE parent_process_instance_key = ? ORDER BY key',
      Number(key),
    );
  const subscriptions = (key: string) =>
    t.query<{ key: number; element_id: string; correlation_key: string }>(
      "SELECT key, element_id, correlation_key FROM message_subscription WHERE process_instance_key = ? AND state = 'CREATED' ORDER BY element_id",
      Number(key),
    );
  const timers = (key: string) =>
    t.query<{ key: number; element_id: string; due_date: number }>(
      'SELECT key, element_id, due_date FROM timer WHERE process_instance_key = ?',
      Number(key),
    );

  /** Version 2 of a file of bpmn/, one string of it changed. */
  async function deployChangedCopy(
    file = 'conditional-release.bpmn',
    from = 'type="iplus:revise-measure"',
    to = 'type="iplus:revise-measure-v2"',
  ): Promise<string> {
    const xml = readFileSync(join(BPMN_DIR, file), 'utf8');
    const changed = xml.replace(from, to);
    expect(changed).not.toBe(xml);
    writeFileSync(join(dir, file), changed);
    await t.deploy(dir, file);
    const [v2] = t.query<{ key: number; version: number }>(
      'SELECT key, version FROM process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1',
      file.replace('.bpmn', ''),
    );
    expect(v2!.version).toBe(2);
    return String(v2!.key);
  }
  const migrate = (key: string, target: string, mappingInstructions = MAPPING) =>
    zeebe.migrateProcessInstance({
      processInstanceKey: key,
      migrationPlan: { targetProcessDefinitionKey: target, mappingInstructions },
    });
  const publish = (name: string, decisionId: string, variables: Record<string, unknown> = {}) =>
    t.zbc.publishMessage({ name, correlationKey: decisionId, variables, timeToLive: 0 });

  it('keeps its subscriptions and children; a revision then reaches the new version, and a revocation still ends it', async () => {
    // given a case in its measure period, and a changed version deployed after it started
    const { key, measureEnd } = await inMeasurePeriod('D-1');
    const subsBefore = subscriptions(key);
    expect(subsBefore.map((s) => [s.element_id, s.correlation_key])).toEqual([
      ['DomicileMoved', 'D-1'],
      ['EndChanged', 'D-1'],
      ['MeasureRevised', 'D-1'],
      ['MeasureRevoked', 'D-1'],
    ]);
    const timersBefore = timers(key);
    expect(timersBefore).toEqual([
      { key: expect.any(Number), element_id: 'MeasureEndReached', due_date: measureEnd },
    ]);
    const childrenBefore = children(key);
    const target = await deployChangedCopy();
    t.clock.advance(3 * DAY);

    // when it migrates to version 2
    await migrate(key, target);

    // then it runs version 2 with the same subscriptions, the same measure end timer and the same follow-ups
    expect(t.query('SELECT version FROM process_instance WHERE key = ?', Number(key))).toEqual([
      { version: 2 },
    ]);
    expect(subscriptions(key)).toEqual(subsBefore);
    expect(
      t.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM message_subscription WHERE process_instance_key = ? AND process_definition_key <> ?',
        Number(key),
        Number(target),
      )[0]!.n,
    ).toBe(0);
    expect(timers(key)).toEqual(timersBefore);
    expect(children(key)).toEqual(childrenBefore);

    // and a revision runs version 2's revision task
    await publish('MeasureRevised', 'D-1', { revisionId: 'REV-1' });
    const revise = await t.nextJob('iplus:revise-measure-v2');
    expect(revise.variables).toMatchObject({ decisionId: 'D-1', revisionId: 'REV-1' });
    expect(revise.processInstanceKey).toBe(key);
    await t.zbc.completeJob({ jobKey: revise.key, variables: {} });
    await t.until(() => t.path(key).includes('RevisedEnd'), 'the revision ended');

    // and a revocation interrupts the case: the follow-ups end, the measure is ended as revoked
    await publish('MeasureRevoked', 'D-1');
    const end = await t.nextJob('iplus:end-measure');
    expect(end.variables).toMatchObject({ decisionId: 'D-1', outcome: 'revoked' });
    await t.until(() => children(key).every((c) => c.state === 'TERMINATED'), 'the follow-ups ended');
    await t.zbc.completeJob({ jobKey: end.key, variables: {} });
    await t.until(() => t.instanceState(key) === 'COMPLETED', 'the case completed');
  });

  it('its measure end timer keeps its date after the migration and ends the measure on the new version', async () => {
    const { key, measureEnd } = await inMeasurePeriod('D-2');
    const target = await deployChangedCopy();
    await migrate(key, target);
    t.clock.advance(measureEnd - t.clock.now() - 1);
    await t.until(() => true, 'a turn');
    expect(t.path(key)).not.toContain('MeasureEndReached');
    t.clock.advance(1);
    const end = await t.nextJob('iplus:end-measure');
    expect(end.variables).toMatchObject({ decisionId: 'D-2', outcome: 'ended' });
    expect(t.query('SELECT version FROM process_instance WHERE key = ?', Number(key))).toEqual([
      { version: 2 },
    ]);
  });

  it("a mandate's follow-up (a called instance) migrates on its own: its deadline and reminder timers keep their dates, the acknowledgement still correlates", async () => {
    // given a case whose first mandate is followed up, and a follow-up version whose escalation changed
    const { key } = await inMeasurePeriod('D-3');
    const child = String(children(key)[0]!.key);
    const [mandateId] = t
      .query<{
        correlation_key: string;
      }>(
        "SELECT correlation_key FROM message_subscription WHERE process_instance_key = ? AND element_id = 'MandateAcknowledged' AND state = 'CREATED'",
        Number(child),
      )
      .map((s) => s.correlation_key);
    const timersBefore = timers(child);
    expect(timersBefore.map((x) => x.element_id).sort()).toEqual(['AcknowledgementDeadline', 'ReminderDue']);
    const target = await deployChangedCopy(
      'mandate-follow-up.bpmn',
      'type="iplus:escalate"',
      'type="iplus:escalate-v2"',
    );
    // when it migrates with its waiting subprocess and its catch events mapped (left unmapped, the
    // 'mandate closed' event subprocess start would be refused: Zeebe cannot subscribe twice to a message)
    await migrate(
      child,
      target,
      [
        'AwaitAcknowledgement',
        'MandateAcknowledged',
        'AcknowledgementDeadline',
        'ReminderDue',
        'MandateClosed',
      ].map((id) => ({ sourceElementId: id, targetElementId: id })),
    );
    // then its timers are the same; the deadline escalates with version 2's task
    expect(t.query('SELECT version FROM process_instance WHERE key = ?', Number(child))).toEqual([
      { version: 2 },
    ]);
    expect(timers(child)).toEqual(timersBefore);
    t.clock.advance(24 * 3600_000);
    const escalation = await t.nextJob('iplus:escalate-v2');
    expect(escalation.processInstanceKey).toBe(child);
    // and the acknowledgement correlates with the same mandate id
    await publish('MandateAcknowledged', mandateId!);
    await t.until(() => t.path(child).includes('AwaitAcknowledgement'), 'the acknowledgement arrived');
    expect(children(key)[0]!.state).toBe('ACTIVE');
  });
});
