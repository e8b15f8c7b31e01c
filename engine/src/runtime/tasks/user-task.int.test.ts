import * as fs from 'node:fs';
import * as path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startTestEngine, type TestEngine } from '../../test-support/engine-harness';
import { TEST_AUTHORIZATION, TEST_CLIENT } from '../../test-support/test-credentials';

const FORM = fs.readFileSync(path.join(__dirname, 'review.form'));
const BPMN = fs.readFileSync(path.join(__dirname, 'user-task.bpmn'));

describe('user tasks', () => {
  let t: TestEngine;
  let rest: ReturnType<Camunda8['getCamundaRestClient']>;
  let formKey: string;
  beforeEach(async () => {
    t = await startTestEngine({ rest: true });
    rest = new Camunda8({
      ZEEBE_REST_ADDRESS: t.running.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
    } as never).getCamundaRestClient();
    const form = await t.zbc.deployResource({ name: 'review.form', process: FORM } as never);
    formKey = (form.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    await t.zbc.deployResource({ name: 'user-task.bpmn', process: BPMN });
  });
  afterEach(() => t.close());

  const http = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(t.running.restAddress + p, {
      method,
      headers: { 'content-type': 'application/json', authorization: TEST_AUTHORIZATION },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const startReview = async () => {
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'review',
      variables: { owner: 'ann', reviewers: ['bob', 'cy'], deadline: '2026-01-05T17:00:00+01:00' },
    });
    const found = await rest.searchUserTasks({ filter: { processInstanceKey } } as never);
    expect(found.items).toHaveLength(1);
    return { processInstanceKey, task: found.items[0]! };
  };

  it('a Camunda user task is created with its evaluated assignment, schedule, priority, form and headers', async () => {
    // given an instance at the user task, when a client searches the tasks
    const { processInstanceKey, task } = await startReview();
    // then the task reads as Camunda 8.8's REST API shapes it
    expect(task).toMatchObject({
      name: 'Review the file',
      state: 'CREATED',
      assignee: 'ann',
      elementId: 'review-task',
      candidateGroups: ['clerks', 'judges'],
      candidateUsers: ['bob', 'cy'],
      processDefinitionId: 'review',
      processDefinitionVersion: 1,
      processInstanceKey,
      processName: 'Review',
      formKey,
      creationDate: '2026-01-01T09:00:00.000Z',
      dueDate: '2026-01-05T16:00:00.000Z',
      followUpDate: '2026-01-02T08:00:00.000Z',
      priority: 70,
      customHeaders: { channel: 'web' },
      tenantId: '<default>',
    });
    expect(await rest.getUserTask(task.userTaskKey)).toEqual(task);
    // and its form is the linked Camunda Form
    const form = await http('GET', `/v2/user-tasks/${task.userTaskKey}/form`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ formKey, formId: 'review-form', version: 1, tenantId: '<default>' });
    expect(JSON.parse(form.body.schema)).toMatchObject({ id: 'review-form' });
  });

  it('is assigned, unassigned, updated and completed through the REST API; completion continues the instance', async () => {
    const { processInstanceKey, task } = await startReview();
    const key = task.userTaskKey;
    // when someone else claims it without override, then 409
    const refused = await http('POST', `/v2/user-tasks/${key}/assignment`, {
      assignee: 'dan',
      allowOverride: false,
    });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/already assigned to 'ann'/);
    // when assigned with the sdk (override allowed by default), then dan holds it
    await rest.assignUserTask({ userTaskKey: key, assignee: 'dan' } as never);
    expect((await rest.getUserTask(key)).assignee).toBe('dan');
    // when unassigned, then nobody holds it
    await rest.unassignUserTask({ userTaskKey: key });
    expect((await rest.getUserTask(key)).assignee).toBeNull(); // 8.9 sends null
    // when updated as 8.8 documents it, then the changed fields change and the others stay
    const updated = await http('PATCH', `/v2/user-tasks/${key}`, {
      changeset: {
        candidateGroups: ['judges'],
        dueDate: '2026-01-09T12:00:00Z',
        followUpDate: '',
        priority: 10,
      },
    });
    expect(updated.status).toBe(204);
    expect(await rest.getUserTask(key)).toMatchObject({
      candidateGroups: ['judges'],
      candidateUsers: ['bob', 'cy'],
      dueDate: '2026-01-09T12:00:00.000Z',
      priority: 10,
    });
    expect((await rest.getUserTask(key)).followUpDate).toBeNull(); // cleared: 8.9 sends null
    // when completed with variables at a later time
    t.clock.advance(60_000);
    await rest.completeUserTask({ userTaskKey: key, variables: { approved: true } });
    // then the task is COMPLETED, the instance went on with the variables
    expect(await rest.getUserTask(key)).toMatchObject({
      state: 'COMPLETED',
      completionDate: '2026-01-01T09:01:00.000Z',
    });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(processInstanceKey)).toMatchObject({ approved: true });
    expect(t.path(processInstanceKey)).toEqual(['start', 'review-task', 'end']);
    // and a second completion is a 409 problem, an unknown task a 404
    expect((await http('POST', `/v2/user-tasks/${key}/completion`, {})).status).toBe(409);
    expect((await http('POST', '/v2/user-tasks/2251799813699999/completion', {})).status).toBe(404);
  });

  it('refuses updates Camunda does not allow, with a 400 problem saying what to send', async () => {
    const { task } = await startReview();
    const assignee = await http('PATCH', `/v2/user-tasks/${task.userTaskKey}`, {
      changeset: { assignee: 'x' },
    });
    expect(assignee.status).toBe(400);
    expect(assignee.body.detail).toMatch(/assignment/);
    const badDate = await http('PATCH', `/v2/user-tasks/${task.userTaskKey}`, {
      changeset: { dueDate: 'friday' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.detail).toMatch(/changeset.dueDate/);
    expect((await http('POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, {})).status).toBe(400);
    expect((await rest.getUserTask(task.userTaskKey)).assignee).toBe('ann');
  });

  it('is CANCELED when its instance is cancelled, and can be searched by state and candidate group', async () => {
    const { processInstanceKey, task } = await startReview();
    await t.zbc.cancelProcessInstance(processInstanceKey);
    expect((await rest.getUserTask(task.userTaskKey)).state).toBe('CANCELED');
    const byGroup = await http('POST', '/v2/user-tasks/search', {
      filter: { state: 'CANCELED', candidateGroup: 'judges' },
    });
    expect(byGroup.body.items.map((i: { userTaskKey: string }) => i.userTaskKey)).toEqual([task.userTaskKey]);
    const none = await http('POST', '/v2/user-tasks/search', { filter: { candidateGroup: 'nobody' } });
    expect(none.body.items).toHaveLength(0);
  });

  it('binds its form by version tag, even after a newer version of the form', async () => {
    // given a newer form version (v2)
    const v2 = { ...JSON.parse(FORM.toString()), versionTag: 'v2', components: [] };
    await t.zbc.deployResource({ name: 'review.form', process: Buffer.from(JSON.stringify(v2)) } as never);
    // when tasks with the latest and the versionTag 'v1' binding are created
    const latest = await startReview();
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'review-pinned',
      variables: {},
    });
    const pinned = (await rest.searchUserTasks({ filter: { processInstanceKey } } as never)).items[0]!;
    // then the pinned one keeps version 1, the latest one has version 2
    expect(pinned.formKey).toBe(formKey);
    expect(latest.task.formKey).not.toBe(formKey);
    expect((await http('GET', `/v2/user-tasks/${latest.task.userTaskKey}/form`)).body.version).toBe(2);
  });

  it('binding "deployment" finds only a form deployed with the process; otherwise a FORM_NOT_FOUND incident', async () => {
    // given the process deployed without the form: an incident naming the form
    const alone = await t.zbc.createProcessInstance({
      bpmnProcessId: 'review-same-deployment',
      variables: {},
    });
    const incident = t.query<{ error_type: string; error_message: string }>(
      'SELECT error_type, error_message FROM incident WHERE process_instance_key = ?',
      Number(alone.processInstanceKey),
    );
    expect(incident).toEqual([
      {
        error_type: 'FORM_NOT_FOUND',
        error_message: expect.stringMatching(/form with id 'review-form' \(binding deployment\)/),
      },
    ]);
    // when the process and the form are deployed together (a changed process, so a new version)
    const grpc = (t.zbc as unknown as { grpc: { deployResourceSync(r: unknown): Promise<unknown> } }).grpc;
    await grpc.deployResourceSync({
      resources: [
        {
          name: 'user-task.bpmn',
          content: Buffer.from(BPMN.toString().replace('name="Review"', 'name="Review 2"')),
        },
        {
          name: 'review.form',
          content: Buffer.from(JSON.stringify({ ...JSON.parse(FORM.toString()), versionTag: 'v3' })),
        },
      ],
    });
    const together = await t.zbc.createProcessInstance({
      bpmnProcessId: 'review-same-deployment',
      variables: {},
    });
    // then the task links the form of that deployment
    const task = (
      await rest.searchUserTasks({ filter: { processInstanceKey: together.processInstanceKey } } as never)
    ).items[0]!;
    expect((await http('GET', `/v2/user-tasks/${task.userTaskKey}/form`)).body).toMatchObject({ version: 2 });
  });

  it('the job-based user task is a job of type io.camunda.zeebe:userTask with the headers Zeebe sets', async () => {
    // given an instance at a user task without zeebe:userTask
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'job-review',
      variables: { owner: 'ann' },
    });
    // when a worker (Tasklist's kind) activates it
    const job = await t.nextJob('io.camunda.zeebe:userTask');
    // then the headers carry the evaluated assignment, the schedule and the form key
    expect(job.customHeaders).toEqual({
      'io.camunda.zeebe:assignee': 'ann',
      'io.camunda.zeebe:candidateGroups': '["clerks","judges"]',
      'io.camunda.zeebe:dueDate': '2026-01-05T17:00:00Z',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:legacy-review',
      channel: 'web',
    });
    expect(job.retries).toBe(1);
    // and it is no Camunda user task; completing the job completes the task
    expect(t.query('SELECT key FROM user_task')).toHaveLength(0);
    await t.zbc.completeJob({ jobKey: job.key, variables: { approved: false } });
    expect(t.instanceState(processInstanceKey)).toBe('COMPLETED');
    expect(t.variables(processInstanceKey)).toMatchObject({ approved: false });
  });
});
