import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

interface Task {
  userTaskKey: string;
  name: string;
  state: string;
  assignee?: string;
  candidateGroups: string[];
  processInstanceKey: string;
  dueDate?: string;
  overdue: boolean;
  form?: { id: string };
  variables?: Record<string, unknown>;
  variablesHidden: boolean;
  decisionId?: string;
}
interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string }>;
}

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const form = JSON.parse(fixture('case-review.form')) as Record<string, unknown>;

// Given a conditional-release whose first step is a coordinator's review with a form, when a
// decision is uploaded, then the review is a task of the province's coordination, shown with the
// case's variables to them and without to an analyst; claimed, completed, and the case goes on.
describe('human tasks through the engine REST user-task API', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      camundaRestAddress: engine.restAddress,
      modelsDir: path.join(__dirname, '__fixtures__', 'models'),
      // deployed at once, as a test environment does (four eyes: models/model-history.int.test.ts)
      modelReview: 'off',
    });
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      60_000,
      'ready',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  it('refuses a model whose linked form is neither sent nor deployed, and a form with another id', async () => {
    const xml = fixture('case-review.bpmn');
    const missing = await t.as<Problem>('analyst', 'POST', '/api/models', {
      fileName: 'case-review.bpmn',
      xml,
    });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('form_missing');
    expect(missing.body.detail).toContain('case-review');
    const wrongId = await t.as<Problem>('analyst', 'POST', '/api/models', {
      fileName: 'case-review.bpmn',
      xml,
      forms: [{ fileName: 'case-review.form', schema: { ...form, id: 'other' } }],
    });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.errors?.[0]).toMatchObject({ field: 'forms[0].schema.id', code: 'form_id_mismatch' });
  });

  it('a decision waits in the coordinator’s task list; claimed, completed with the form, the case ends', async () => {
    // the model was deployed from the folder before its form existed: deploy it again with the form
    const dep = await t.as('analyst', 'POST', '/api/models', {
      fileName: 'conditional-release.bpmn',
      xml: fixture('models/conditional-release.bpmn'),
      forms: [{ fileName: 'case-review.form', schema: form }],
    });
    expect(dep.status).toBe(201);
    const saved = await t.as<{ schema: { id: string } }>('analyst', 'GET', '/api/forms/case-review');
    expect(saved.body.schema.id).toBe('case-review');

    const up = await t.as<{ id: string; processInstanceKey: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-TASKS')),
    );
    expect(up.status).toBe(201);
    const listed = await eventually(
      async () => {
        const r = await t.as<Task[]>('coord.hainaut', 'GET', '/api/tasks');
        return r.body.find((x) => x.processInstanceKey === up.body.processInstanceKey);
      },
      20_000,
      'the review task',
    );
    expect(listed).toMatchObject({ name: 'Review the case', state: 'CREATED', overdue: true });
    expect(listed.candidateGroups).toEqual(['agency:COORD-BE-WHT', 'role:analyst']);
    // another province's coordinator is not offered it
    const other = await t.as<Task[]>('coord.oost-vlaanderen', 'GET', '/api/tasks');
    expect(other.body.map((x) => x.userTaskKey)).not.toContain(listed.userTaskKey);
    const refused = await t.as<Problem>('coord.oost-vlaanderen', 'GET', `/api/tasks/${listed.userTaskKey}`);
    expect(refused.status).toBe(403);

    const opened = await t.as<Task>('coord.hainaut', 'GET', `/api/tasks/${listed.userTaskKey}`);
    expect(opened.body.form?.id).toBe('case-review');
    expect(opened.body.variablesHidden).toBe(false);
    expect(opened.body.variables).toMatchObject({ decisionId: up.body.id, province: 'BE-WHT' });
    expect(opened.body.decisionId).toBe(up.body.id);
    // an analyst may take the task (role:analyst) but may not see the case
    const analyst = await t.as<Task>('analyst', 'GET', `/api/tasks/${listed.userTaskKey}`);
    expect(analyst.body.variablesHidden).toBe(true);
    expect(analyst.body.variables).toBeUndefined();
    // an admin sees the case only with a stated reason
    const oversight = await t.as<Task>('admin', 'GET', `/api/tasks/${listed.userTaskKey}`);
    expect(oversight.body.variablesHidden).toBe(true);
    const justified = await t.as<Task>('admin', 'GET', `/api/tasks/${listed.userTaskKey}`, undefined, {
      'x-justification': 'incident INC-42: task stuck',
    });
    expect(justified.body.variables).toMatchObject({ decisionId: up.body.id });

    const notClaimed = await t.as<Problem>(
      'coord.hainaut',
      'POST',
      `/api/tasks/${listed.userTaskKey}/completion`,
      {
        variables: { approved: true },
      },
    );
    expect(notClaimed.status).toBe(409);
    expect(notClaimed.body.code).toBe('task_not_claimed');
    const claimed = await t.as<Task>('coord.hainaut', 'POST', `/api/tasks/${listed.userTaskKey}/claim`);
    expect(claimed.body.assignee).toBe('coord.hainaut');
    const taken = await t.as<Problem>('analyst', 'POST', `/api/tasks/${listed.userTaskKey}/claim`);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('task_claimed');
    const outsideForm = await t.as<Problem>(
      'coord.hainaut',
      'POST',
      `/api/tasks/${listed.userTaskKey}/completion`,
      { variables: { approved: true, province: 'BE-VLG' } },
    );
    expect(outsideForm.status).toBe(400);
    expect(outsideForm.body.errors?.map((e) => e.field)).toEqual(['variables.province']);

    const done = await t.as('coord.hainaut', 'POST', `/api/tasks/${listed.userTaskKey}/completion`, {
      variables: { approved: true, comment: 'checked' },
    });
    expect(done.status).toBe(204);
    // the case continues: the instance takes the approved path and ends
    const ended = await eventually(
      async () => {
        const r = await fetch(`${engine.restAddress}/v2/element-instances/search`, {
          method: 'POST',
          headers: { authorization: engine.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            filter: { processInstanceKey: up.body.processInstanceKey, elementId: 'Approved' },
          }),
        });
        const body = (await r.json()) as { items: Array<{ state: string }> };
        return body.items.find((i) => i.state === 'COMPLETED');
      },
      10_000,
      'the approved end',
    );
    expect(ended.state).toBe('COMPLETED');
    const after = await t.as<Task[]>('coord.hainaut', 'GET', '/api/tasks');
    expect(after.body.map((x) => x.userTaskKey)).not.toContain(listed.userTaskKey);
    const closed = await t.as<Problem>('coord.hainaut', 'POST', `/api/tasks/${listed.userTaskKey}/claim`);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('task_closed');

    const audit = await t.as<{ items: Array<{ action: string; outcome: string; object: string }> }>(
      'admin',
      'GET',
      '/api/audit?user=coord.hainaut&limit=500',
    );
    const actions = audit.body.items.filter((e) => e.object.startsWith(`task ${listed.userTaskKey}`));
    expect(actions.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual(
      expect.arrayContaining(['task.claim:ok', 'task.complete:ok', 'task.read:ok']),
    );
  });

  it('answers 404 for a task the engine does not know and 400 for a key that is not one', async () => {
    expect((await t.as('coord.hainaut', 'GET', '/api/tasks/9999999')).status).toBe(404);
    expect((await t.as('coord.hainaut', 'GET', '/api/tasks/abc')).status).toBe(400);
  });
});
