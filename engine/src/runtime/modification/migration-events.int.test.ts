import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';
import { TEST_CLIENT } from '../../test-support/test-credentials';

// MigrateProcessInstance of instances that hold event subscriptions (boundary events, event
// subprocess starts), through the gRPC client of @camunda8/sdk, with Zeebe's catch-event rules:
// a mapped catch event keeps its subscription, an unmapped one is closed, a new one is opened.
describe('MigrateProcessInstance with event subscriptions', () => {
  let t: TestEngine;
  let zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  let targetKey: string;
  beforeEach(async () => {
    t = await startTestEngine();
    await t.deploy(__dirname, 'migration-events.bpmn');
    targetKey = String(
      t.query<{ key: number }>(
        "SELECT key FROM process_definition WHERE bpmn_process_id = 'events-target'",
      )[0]!.key,
    );
    zeebe = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${t.address}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
  });
  afterEach(async () => {
    await zeebe.close();
    await t.close();
  });

  const HOUR = 3600_000;
  /** Every catch event mapped to its counterpart in the target. */
  const ALL: Array<[string, string]> = [
    ['work', 'work2'],
    ['cancel', 'cancel2'],
    ['hold', 'hold2'],
    ['deadline', 'deadline2'],
    ['note-start', 'note-start2'],
    ['stop-start', 'stop-start2'],
  ];
  const migrate = (processInstanceKey: string, mappings: Array<[string, string]>) =>
    zeebe.migrateProcessInstance({
      processInstanceKey,
      migrationPlan: {
        targetProcessDefinitionKey: targetKey,
        mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({
          sourceElementId,
          targetElementId,
        })),
      },
    });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: number; message?: string }) => `${e.code} ${e.message}`,
    );
  const publish = (name: string, ref: string) =>
    zeebe.publishMessage({ name, correlationKey: ref, variables: {}, timeToLive: 0 });
  const waiting = async (ref: string) => {
    const { processInstanceKey } = await zeebe.createProcessInstance({
      bpmnProcessId: 'events-source',
      variables: { ref },
    });
    await t.until(
      () =>
        t.query('SELECT key FROM job WHERE process_instance_key = ?', Number(processInstanceKey)).length ===
        1,
      'the task waits',
    );
    return processInstanceKey;
  };
  const subscriptions = (key: string) =>
    t.query<{
      key: number;
      element_id: string;
      message_name: string;
      correlation_key: string;
      state: string;
    }>(
      'SELECT key, element_id, message_name, correlation_key, state FROM message_subscription WHERE process_instance_key = ? ORDER BY message_name',
      Number(key),
    );
  const timers = (key: string) =>
    t.query<{ key: number; element_id: string; due_date: number; process_definition_key: number }>(
      'SELECT key, element_id, due_date, process_definition_key FROM timer WHERE process_instance_key = ?',
      Number(key),
    );
  const openJobs = (key: string) =>
    t
      .query<{
        type: string;
      }>(
        "SELECT type FROM job WHERE process_instance_key = ? AND state NOT IN ('COMPLETED', 'CANCELED') ORDER BY type",
        Number(key),
      )
      .map((j) => j.type);

  it('keeps mapped subscriptions (boundary and event subprocess messages still correlate), closes removed ones, opens new ones', async () => {
    // given an instance waiting at work, subscribed to its boundary messages and three event subprocess starts
    const key = await waiting('R-1');
    const before = subscriptions(key);
    expect(before.map((s) => [s.element_id, s.message_name, s.state])).toEqual([
      ['cancel', 'mig-cancel', 'CREATED'],
      ['hold', 'mig-hold', 'CREATED'],
      ['note-start', 'mig-note', 'CREATED'],
      ['old-start', 'mig-old', 'CREATED'],
      ['stop-start', 'mig-stop', 'CREATED'],
    ]);
    const keyOf = (element: string) => before.find((s) => s.element_id === element)!.key;

    // when it migrates with every catch event mapped to its counterpart
    await migrate(key, ALL);

    // then the mapped subscriptions are the same rows, now on the target's catch events with the
    // same correlation key; the removed event subprocess's is closed; the added one is opened
    const after = subscriptions(key);
    expect(after.map((s) => [s.key, s.element_id, s.message_name, s.correlation_key, s.state])).toEqual([
      [keyOf('cancel'), 'cancel2', 'mig-cancel', 'R-1', 'CREATED'],
      [keyOf('hold'), 'hold2', 'mig-hold', 'R-1', 'CREATED'],
      [expect.any(Number), 'new-start', 'mig-new', 'R-1', 'CREATED'],
      [keyOf('note-start'), 'note-start2', 'mig-note', 'R-1', 'CREATED'],
      [keyOf('old-start'), 'old-start', 'mig-old', 'R-1', 'DELETED'],
      [keyOf('stop-start'), 'stop-start2', 'mig-stop', 'R-1', 'CREATED'],
    ]);
    expect(
      t.query(
        'SELECT bpmn_process_id, process_definition_key FROM message_subscription WHERE key = ?',
        keyOf('cancel'),
      ),
    ).toEqual([{ bpmn_process_id: 'events-target', process_definition_key: Number(targetKey) }]);

    // and they correlate into the target's flow: the non-interrupting event subprocess and the new one
    // run the target's tasks while work goes on
    await publish('mig-note', 'R-1');
    await publish('mig-new', 'R-1');
    await publish('mig-old', 'R-1');
    await t.until(() => openJobs(key).length === 3, 'the two event subprocesses run');
    expect(openJobs(key)).toEqual(['mig-newly', 'mig-noted', 'mig-work']);
    // the interrupting boundary message ends work and takes the target's path
    await publish('mig-cancel', 'R-1');
    await t.until(() => openJobs(key).includes('mig-cancelled2'), 'the boundary event fired');
    expect(openJobs(key)).toEqual(['mig-cancelled2', 'mig-newly', 'mig-noted']);
    expect(t.path(key, 'TERMINATED')).toContain('work2');
    // the interrupting event subprocess interrupts everything and runs the target's task
    await publish('mig-stop', 'R-1');
    await t.until(() => openJobs(key).join() === 'mig-stopped', 'the interrupting event subprocess runs');
    expect(t.instanceState(key)).toBe('ACTIVE');
  });

  it('a mapped timer boundary keeps its due date and fires on the target', async () => {
    // given an instance whose one-hour timer was set at creation, 20 minutes ago
    const key = await waiting('R-2');
    const [timer] = timers(key);
    expect(timer).toMatchObject({ element_id: 'deadline', due_date: t.clock.now() + HOUR });
    t.clock.advance(20 * 60_000);

    // when it migrates to a target whose timer says 24 hours, the timer mapped
    await migrate(key, ALL);

    // then the timer is the same, with its due date, on the target's boundary event
    expect(timers(key)).toEqual([
      {
        key: timer!.key,
        element_id: 'deadline2',
        due_date: timer!.due_date,
        process_definition_key: Number(targetKey),
      },
    ]);
    // and it fires at that date, onto the target's path
    t.clock.advance(40 * 60_000 - 1);
    await t.until(() => true, 'a turn');
    expect(openJobs(key)).toEqual(['mig-work']);
    t.clock.advance(1);
    await t.until(() => openJobs(key).join() === 'mig-late2', 'the timer fired on the target');
  });

  it("an unmapped timer is closed and the target's timer opened anew, as Zeebe does", async () => {
    const key = await waiting('R-3');
    const [timer] = timers(key);
    t.clock.advance(20 * 60_000);
    await migrate(
      key,
      ALL.filter(([s]) => s !== 'deadline'),
    );
    const [now] = timers(key);
    expect(now).toMatchObject({ element_id: 'deadline2', due_date: t.clock.now() + 24 * HOUR });
    expect(now!.key).not.toBe(timer!.key);
  });

  it('an element held by an incident while being entered subscribes once, to the target, when the incident is resolved', async () => {
    // given an instance whose task could not be entered (its input mapping failed)
    const { processInstanceKey: key } = await zeebe.createProcessInstance({
      bpmnProcessId: 'events-incident',
      variables: { ref: 'R-5' },
    });
    const incidents = () =>
      t.query<{ key: number }>(
        "SELECT key FROM incident WHERE process_instance_key = ? AND state = 'ACTIVE'",
        Number(key),
      );
    await t.until(() => incidents().length === 1, 'the incident');
    // when it migrates to a task with boundary events (and a process with event subprocesses)
    await migrate(key, [['stuck', 'work2']]);
    // then the process subscribes to the target's event subprocesses at once, the task not yet
    expect(subscriptions(key).map((s) => s.element_id)).toEqual(['new-start', 'note-start2', 'stop-start2']);
    expect(timers(key)).toEqual([]);
    // and once the incident is resolved the task is entered on the target: its boundary events subscribed once
    await t.zbc.resolveIncident({ incidentKey: String(incidents()[0]!.key) });
    await t.until(() => openJobs(key).join() === 'mig-work2', "the target's task is entered");
    expect(subscriptions(key).map((s) => s.element_id)).toEqual([
      'cancel2',
      'hold2',
      'new-start',
      'note-start2',
      'stop-start2',
    ]);
    expect(timers(key).map((x) => x.element_id)).toEqual(['deadline2']);
  });

  it("refuses Zeebe's catch-event refusals, with Zeebe's reasons, and changes nothing", async () => {
    const key = await waiting('R-4');
    const before = { subs: subscriptions(key), timers: timers(key) };
    // a catch event detached from its element
    expect(
      await refusal(migrate(key, [...ALL.filter(([s]) => s !== 'cancel'), ['cancel', 'other-cancel']])),
    ).toMatch(
      /^9 .*active element with id 'work' is mapped to an element with id 'work2' and has a catch event with id 'cancel' that is mapped to a catch event with id 'other-cancel'. These mappings detach the catch event/,
    );
    // a change of event type
    expect(
      await refusal(
        migrate(key, [
          ['work', 'work2'],
          ['deadline', 'hold2'],
          ['cancel', 'cancel2'],
          ['note-start', 'note-start2'],
        ]),
      ),
    ).toMatch(/^9 .*catch event with id 'deadline' .* different event types: 'TIMER' and 'MESSAGE'/);
    // two catch events merged into one
    expect(
      await refusal(
        migrate(key, [
          ['work', 'work2'],
          ['cancel', 'cancel2'],
          ['hold', 'cancel2'],
        ]),
      ),
    ).toMatch(/^9 .*multiple mapping instructions that target this catch event: 'cancel', 'hold'/);
    // a message the element is already subscribed to, left unmapped (Zeebe cannot re-create it)
    expect(await refusal(migrate(key, [['work', 'work2']]))).toMatch(
      /^9 .*attempts to subscribe to a message it is already subscribed to with name 'mig-(cancel|note|stop|hold)'.*Please provide a mapping instruction/,
    );
    // nothing moved or changed
    expect(t.query('SELECT bpmn_process_id FROM process_instance WHERE key = ?', Number(key))).toEqual([
      { bpmn_process_id: 'events-source' },
    ]);
    expect({ subs: subscriptions(key), timers: timers(key) }).toEqual(before);
  });
});
