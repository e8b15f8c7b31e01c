import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOW, strict, strictClient } from './__fixtures__/strict-client';
import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

jest.setTimeout(60_000);

const fixture = (name: string) => path.join(__dirname, '__fixtures__', name);

/**
 * The write side through Camunda's official 8.9 client with strict request and response
 * validation: deploy, start (also awaiting the result), work jobs, publish, signal, evaluate,
 * set variables, work user tasks, repair an incident, modify and cancel.
 */
describe('REST commands against the 8.9 schemas (strict validation)', () => {
  let t: RestTestEngine;
  let camunda: ReturnType<typeof strictClient>;
  beforeAll(async () => {
    t = await startRestTestEngine();
    camunda = strictClient(t.rest);
  });
  afterAll(() => t.close());

  const state = async (key: string) =>
    (await strict(camunda.getProcessInstance({ processInstanceKey: key as never }, NOW))).state;
  const startMandate = async (mandateId: string) =>
    (
      await strict(
        camunda.createProcessInstance({
          processDefinitionId: 'mandate-follow-up' as never,
          variables: { mandateId, measure: 'curfew' },
        }),
      )
    ).processInstanceKey;
  const activate = async () => {
    const { jobs } = await strict(
      camunda.activateJobs({
        type: 'issue-mandate',
        worker: 'rest-worker',
        timeout: 60_000,
        maxJobsToActivate: 1,
      }),
    );
    expect(jobs).toHaveLength(1);
    return jobs[0];
  };

  it('deploys BPMN, DMN and a form in one multipart deployment, in Zeebe order', async () => {
    const deployment = await strict(
      camunda.createDeployment({
        resources: [
          'mandate-follow-up.bpmn',
          'priority.dmn',
          'review-task.bpmn',
          'review.form',
          'quick.bpmn',
        ].map((name) => new File([fs.readFileSync(fixture(name))], name)),
      }),
    );
    const kinds = deployment.deployments.map((d) =>
      d.processDefinition
        ? 'process'
        : d.decisionDefinition
          ? 'decision'
          : d.decisionRequirements
            ? 'drg'
            : 'form',
    );
    expect(kinds).toEqual(['process', 'process', 'process', 'decision', 'drg', 'form']);
    expect(deployment.deployments[0].processDefinition).toMatchObject({ processDefinitionVersion: 1 });
  });

  it('starts an instance and awaits its result', async () => {
    const done = await strict(
      camunda.createProcessInstance({
        processDefinitionId: 'quick' as never,
        variables: { n: 21 },
        awaitCompletion: true,
      }),
    );
    expect(done.variables).toMatchObject({ n: 21, doubled: 42 });
    expect(await state(done.processInstanceKey)).toBe('COMPLETED');
  });

  it('activates and completes a job, evaluates the decision on the way, and publishes the awaited message', async () => {
    const key = await startMandate('M-10');
    const job = await activate();
    expect(job).toMatchObject({ processInstanceKey: key, rootProcessInstanceKey: key, kind: 'BPMN_ELEMENT' });
    expect(job.variables).toMatchObject({ mandateId: 'M-10' });
    await strict(camunda.completeJob({ jobKey: job.jobKey, variables: { issued: true } }));
    const message = await strict(
      camunda.publishMessage({
        name: 'MandateAcknowledged',
        correlationKey: 'M-10',
        variables: { ack: 'yes' },
      }),
    );
    expect(message.messageKey).toMatch(/^\d+$/);
    expect(await state(key)).toBe('COMPLETED');
  });

  it('correlates a message to the instance waiting for it, and refuses one nothing waits for', async () => {
    const key = await startMandate('M-13');
    await strict(camunda.completeJob({ jobKey: (await activate()).jobKey }));
    const correlated = await strict(
      camunda.correlateMessage({ name: 'MandateAcknowledged', correlationKey: 'M-13', variables: {} }),
    );
    expect(correlated.processInstanceKey).toBe(key);
    expect(await state(key)).toBe('COMPLETED');
    const none = await t.post('/v2/messages/correlation', {
      name: 'MandateAcknowledged',
      correlationKey: 'M-13',
    });
    expect(none.status).toBe(404);
    expect(none.body.detail).toMatch(/correlation key 'M-13'/);
  });

  it('fails a job to an incident, gives it retries and resolves the incident; an uncaught error is an incident too', async () => {
    const key = await startMandate('M-11');
    const job = await activate();
    await strict(camunda.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'BNG down' }));
    const incidents = await strict(
      camunda.searchIncidents({ filter: { processInstanceKey: key as never } }, NOW),
    );
    expect(incidents.items[0]).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'BNG down' });
    await strict(camunda.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } }));
    await strict(camunda.resolveIncident({ incidentKey: incidents.items[0].incidentKey }));
    const again = await activate();
    await strict(
      camunda.throwJobError({ jobKey: again.jobKey, errorCode: 'NO_ZONE', errorMessage: 'unknown zone' }),
    );
    const after = await strict(
      camunda.searchIncidents({ filter: { processInstanceKey: key as never, state: 'ACTIVE' } }, NOW),
    );
    expect(after.items.map((i) => i.errorType)).toEqual(['UNHANDLED_ERROR_EVENT']);
    await strict(camunda.cancelProcessInstance({ processInstanceKey: key as never }));
    expect(await state(key)).toBe('TERMINATED');
  });

  it('gives a held job a new timeout; a job nobody holds is refused', async () => {
    const key = await startMandate('M-14');
    const job = await activate();
    await strict(camunda.updateJob({ jobKey: job.jobKey, changeset: { timeout: 120_000 } }));
    const held = await strict(camunda.searchJobs({ filter: { jobKey: job.jobKey } }, NOW));
    expect(held.items[0].deadline).toBe(new Date(t.clock.now() + 120_000).toISOString());
    await strict(camunda.failJob({ jobKey: job.jobKey, retries: 2, errorMessage: 'later' }));
    const refused = await t.patch(`/v2/jobs/${job.jobKey}`, { changeset: { timeout: 1000 } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/not activated by a worker/);
    // a modification with Camunda's default ancestor (-1) activates in the instance's scope
    await strict(
      camunda.modifyProcessInstance({
        processInstanceKey: key as never,
        activateInstructions: [{ elementId: 'issue' as never, ancestorElementInstanceKey: '-1' as never }],
      }),
    );
    const jobs = await strict(camunda.searchJobs({ filter: { processInstanceKey: key as never } }, NOW));
    expect(jobs.items).toHaveLength(2);
    await strict(camunda.cancelProcessInstance({ processInstanceKey: key as never }));
  });

  it('sets variables on an element instance, broadcasts a signal and evaluates a decision', async () => {
    const key = await startMandate('M-12');
    await strict(
      camunda.createElementInstanceVariables({
        elementInstanceKey: key as never,
        variables: { note: 'checked' },
      }),
    );
    const vars = await strict(
      camunda.searchVariables({ filter: { processInstanceKey: key as never, name: 'note' } }, NOW),
    );
    expect(vars.items.map((v) => v.value)).toEqual(['"checked"']);
    const signal = await strict(camunda.broadcastSignal({ signalName: 'nobody-listens', variables: {} }));
    expect(signal.signalKey).toMatch(/^\d+$/);
    const decision = await strict(
      camunda.evaluateDecision({
        decisionDefinitionId: 'priority' as never,
        variables: { measure: 'electronic-monitoring' },
      }),
    );
    expect(decision).toMatchObject({ decisionDefinitionId: 'priority', failureMessage: null });
    expect(decision.evaluatedDecisions).toHaveLength(1);
    await strict(camunda.cancelProcessInstance({ processInstanceKey: key as never }));
  });

  it('works a user task: assign, unassign, update, complete; a modification moves a token', async () => {
    const created = await strict(
      camunda.createProcessInstance({ processDefinitionId: 'review-task' as never }),
    );
    const key = created.processInstanceKey;
    const task = async () =>
      (await strict(camunda.searchUserTasks({ filter: { processInstanceKey: key, state: 'CREATED' } }, NOW)))
        .items[0];
    const first = await task();
    // a modification: terminate the task and activate it again (a new task)
    await strict(
      camunda.modifyProcessInstance({
        processInstanceKey: key,
        activateInstructions: [{ elementId: 'review' as never }],
        terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
      }),
    );
    const second = await task();
    expect(second.userTaskKey).not.toBe(first.userTaskKey);
    await strict(camunda.assignUserTask({ userTaskKey: second.userTaskKey, assignee: 'anna' }));
    expect((await task()).assignee).toBe('anna');
    await strict(camunda.unassignUserTask({ userTaskKey: second.userTaskKey }));
    await strict(camunda.updateUserTask({ userTaskKey: second.userTaskKey, changeset: { priority: 80 } }));
    expect(await task()).toMatchObject({ assignee: null, priority: 80 });
    await strict(
      camunda.completeUserTask({ userTaskKey: second.userTaskKey, variables: { approved: true } }),
    );
    expect(await state(key)).toBe('COMPLETED');
  });

  it('migrates a waiting instance to a new version of its process', async () => {
    const v1 = await strict(camunda.createProcessInstance({ processDefinitionId: 'review-task' as never }));
    const xml = fs
      .readFileSync(fixture('review-task.bpmn'), 'utf8')
      .replace('Review the file', 'Review the case');
    const deployed = await strict(
      camunda.createDeployment({ resources: [new File([xml], 'review-task.bpmn')] }),
    );
    const target = deployed.deployments[0].processDefinition!;
    expect(target.processDefinitionVersion).toBe(2);
    await strict(
      camunda.migrateProcessInstance({
        processInstanceKey: v1.processInstanceKey,
        targetProcessDefinitionKey: target.processDefinitionKey,
        mappingInstructions: [{ sourceElementId: 'review' as never, targetElementId: 'review' as never }],
      }),
    );
    const moved = await strict(
      camunda.getProcessInstance({ processInstanceKey: v1.processInstanceKey }, NOW),
    );
    expect(moved).toMatchObject({
      processDefinitionKey: target.processDefinitionKey,
      processDefinitionVersion: 2,
    });
  });

  it('refuses bad commands with problem+json saying what is wrong', async () => {
    const answer = await t.post('/v2/process-instances', {
      processDefinitionId: 'quick',
      processDefinitionKey: '1',
    });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.detail).toMatch(/exactly one of processDefinitionId/);
    const unknown = await t.post('/v2/process-instances', { processDefinitionId: 'no-such-process' });
    expect(unknown.status).toBe(404);
    const noJob = await t.post('/v2/jobs/2251799813999999/completion', {});
    expect(noJob.status).toBe(404);
    const notMultipart = await t.post('/v2/deployments', {});
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.detail).toMatch(/multipart\/form-data/);
  });
});
