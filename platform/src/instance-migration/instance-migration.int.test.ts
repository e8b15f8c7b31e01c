import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

interface Preview {
  movable: Array<{ processInstanceKey: string; activeElements: string[] }>;
  blocked: Array<{ processInstanceKey: string; reasons: string[] }>;
}
interface Plan {
  source: { version: number };
  target: { version: number };
  mapping: Array<{ sourceElementId: string; targetElementId: string }>;
}

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

// Given running instances of version 1 waiting in a user task, and a version 2 that renamed it,
// the plan proposes the same-id mapping, the preview blocks every instance (the task is unmapped),
// the edited mapping makes them movable, and executing moves the chosen ones through the engine.
describe('migration of running instances', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  let zeebe: ZBClient;

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      camundaRestAddress: engine.restAddress,
      modelsDir: path.join(__dirname, '__fixtures__', 'none'),
      // deployed at once, as a test environment does (four eyes: models/model-history.int.test.ts)
      modelReview: 'off',
    });
    zeebe = new ZBClient(engine.address, { basicAuth: engine.basicAuth, loglevel: 'NONE', retry: false });
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      60_000,
      'ready',
    );
  });
  afterAll(async () => {
    await zeebe?.close();
    await t?.close();
    await engine?.stop();
  });

  const deploy = async (file: string) => {
    const r = await t.as<Array<{ key: string; version: number }>>('analyst', 'POST', '/api/models', {
      fileName: 'case-review.bpmn',
      xml: fixture(file),
      forms: [{ fileName: 'case-review.form', schema: JSON.parse(fixture('case-review.form')) }],
    });
    expect(r.status).toBe(201);
    return r.body[0]!;
  };
  const definitionOf = async (key: string) => {
    const r = await fetch(`${engine.restAddress}/v2/process-instances/${key}`, {
      headers: { authorization: engine.authorization },
    });
    return ((await r.json()) as { processDefinitionKey: string }).processDefinitionKey;
  };

  it('previews, refuses a bad mapping, and moves the chosen instances', async () => {
    const v1 = await deploy('case-review-v1.bpmn');
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      const pi = await zeebe.createProcessInstance({
        bpmnProcessId: 'case-review',
        variables: { province: 'BE-WHT', dueDate: '2030-01-01T00:00:00Z' },
      });
      keys.push(String(pi.processInstanceKey));
    }
    await eventually(
      async () => {
        const r = await t.as<unknown[]>('admin', 'GET', '/api/tasks');
        return r.body.length >= 3 ? true : undefined;
      },
      10_000,
      'three review tasks',
    );
    const v2 = await deploy('case-review-v2.bpmn');
    expect(v2.version).toBe(v1.version + 1);

    const plan = await t.as<Plan>('analyst', 'GET', `/api/migrations/plan?source=${v1.key}&target=${v2.key}`);
    expect(plan.status).toBe(200);
    expect(plan.body.mapping.map((m) => m.sourceElementId)).not.toContain('Review');
    expect(plan.body.mapping).toContainEqual({ sourceElementId: 'Decide', targetElementId: 'Decide' });

    const request = { sourceProcessDefinitionKey: v1.key, targetProcessDefinitionKey: v2.key };
    const auto = await t.as<Preview>('analyst', 'POST', '/api/migrations/preview', {
      ...request,
      mapping: plan.body.mapping,
    });
    expect(auto.body.movable).toEqual([]);
    expect(auto.body.blocked.map((b) => b.processInstanceKey).sort()).toEqual([...keys].sort());
    expect(auto.body.blocked[0]!.reasons).toEqual(['Review (userTask) is active and not mapped']);

    const wrong = await t.as<{ errors: Array<{ field: string; message: string }> }>(
      'analyst',
      'POST',
      '/api/migrations/preview',
      { ...request, mapping: [{ sourceElementId: 'Review', targetElementId: 'Approved' }] },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]!.message).toContain('cannot change its type');

    const mapping = [...plan.body.mapping, { sourceElementId: 'Review', targetElementId: 'ReviewCase' }];
    const chosen = keys.slice(0, 2);
    const preview = await t.as<Preview>('analyst', 'POST', '/api/migrations/preview', {
      ...request,
      mapping,
      processInstanceKeys: chosen,
    });
    expect(preview.body.blocked).toEqual([]);
    expect(preview.body.movable.map((m) => m.processInstanceKey).sort()).toEqual([...chosen].sort());
    expect(preview.body.movable[0]!.activeElements).toEqual(['Review']);
    // a preview changes nothing
    expect(await definitionOf(chosen[0]!)).toBe(v1.key);

    expect((await t.as('coord.hainaut', 'POST', '/api/migrations', { ...request, mapping })).status).toBe(
      403,
    );
    const done = await t.as<{ migrated: string[]; failed: unknown[] }>('analyst', 'POST', '/api/migrations', {
      ...request,
      mapping,
      processInstanceKeys: chosen,
    });
    expect(done.status).toBe(200);
    expect(done.body.migrated.sort()).toEqual([...chosen].sort());
    expect(done.body.failed).toEqual([]);
    expect(await definitionOf(chosen[0]!)).toBe(v2.key);
    expect(await definitionOf(chosen[1]!)).toBe(v2.key);
    expect(await definitionOf(keys[2]!)).toBe(v1.key);

    const audit = await t.as<{ items: Array<{ action: string; object: string; outcome: string }> }>(
      'admin',
      'GET',
      '/api/audit?user=analyst&limit=100',
    );
    const migrations = audit.body.items.filter((e) => e.action === 'instance.migrate');
    expect(migrations.map((e) => e.outcome)).toEqual(['ok', 'ok']);
    expect(migrations.map((e) => e.object).join()).toContain(`from ${v1.key} to ${v2.key}`);
  });

  it('moves an instance waiting with a timer boundary and an event subprocess: the proposed mapping keeps both subscriptions', async () => {
    const deployWatch = async (file: string) => {
      const r = await t.as<Array<{ key: string; version: number }>>('analyst', 'POST', '/api/models', {
        fileName: 'case-watch.bpmn',
        xml: fixture(file),
      });
      expect([r.status, r.status === 201 ? 'deployed' : r.body]).toEqual([201, 'deployed']);
      return r.body[0]!;
    };
    const timers = async (processInstanceKey: string) => {
      const r = await fetch(`${engine.restAddress}/v2/x-iplus/timers/search`, {
        method: 'POST',
        headers: { authorization: engine.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey } }),
      });
      return ((await r.json()) as { items: Array<{ timerKey: string; elementId: string; dueDate: string }> })
        .items;
    };
    // given an instance of version 1 watched for three days, listening to notes
    const v1 = await deployWatch('case-watch-v1.bpmn');
    const { processInstanceKey: key } = await zeebe.createProcessInstance({
      bpmnProcessId: 'case-watch',
      variables: { ref: 'W-1', watchFor: 'PT72H' },
    });
    const before = await eventually(async () => {
      const found = await timers(key);
      return found.length === 1 ? found : undefined;
    }, 10_000);
    const v2 = await deployWatch('case-watch-v2.bpmn');

    // when the analyst moves it with the mapping the plan proposes
    const plan = await t.as<Plan>('analyst', 'GET', `/api/migrations/plan?source=${v1.key}&target=${v2.key}`);
    expect(plan.body.mapping.map((m) => m.sourceElementId)).toEqual(
      expect.arrayContaining(['Watch', 'Expired', 'OnNote', 'NoteReceived']),
    );
    expect(plan.body.mapping.map((m) => m.sourceElementId)).not.toContain('Start');
    const done = await t.as<{ migrated: string[]; failed: unknown[] }>('analyst', 'POST', '/api/migrations', {
      sourceProcessDefinitionKey: v1.key,
      targetProcessDefinitionKey: v2.key,
      mapping: plan.body.mapping,
      processInstanceKeys: [key],
    });
    expect(done.body).toMatchObject({ migrated: [key], failed: [] });

    // then its timer is the same, due when it was, and a note runs version 2's event subprocess
    expect(await definitionOf(key)).toBe(v2.key);
    expect(await timers(key)).toEqual([{ ...before[0], processDefinitionKey: v2.key }]);
    await zeebe.publishMessage({
      name: 'case-watch-note',
      correlationKey: 'W-1',
      variables: {},
      timeToLive: 0,
    });
    const noted = await eventually(async () => {
      const jobs = await zeebe.activateJobs({
        type: 'case-watch-noted',
        worker: 'test',
        maxJobsToActivate: 1,
        timeout: 60_000,
        requestTimeout: 1_000,
      });
      return jobs[0];
    }, 10_000);
    expect(noted.processInstanceKey).toBe(key);
  });

  it('answers 404 for a version the engine does not know', async () => {
    const unknown = await t.as('analyst', 'GET', '/api/migrations/plan?source=1&target=2');
    expect(unknown.status).toBe(404);
  });
});
