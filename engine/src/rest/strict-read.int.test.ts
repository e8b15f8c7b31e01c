import { NOW, strict, strictClient } from './__fixtures__/strict-client';
import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

jest.setTimeout(60_000);

/**
 * Every read endpoint through Camunda's official 8.9 client with strict response validation:
 * a missing required field, a wrong type or an absent value given as missing instead of null
 * fails the call.
 */
describe('read API against the 8.9 schemas (strict validation)', () => {
  let t: RestTestEngine;
  let camunda: ReturnType<typeof strictClient>;
  let waiting: string;
  let failed: string;
  let tasked: string;
  let caller: string;
  beforeAll(async () => {
    t = await startRestTestEngine();
    camunda = strictClient(t.rest);
    await t.deployFixtures(
      'priority.dmn',
      'mandate-follow-up.bpmn',
      'review-task.bpmn',
      'review-caller.bpmn',
      'review.form',
    );
    const start = async (bpmnProcessId: string, variables: Record<string, string>) =>
      (await t.zbc.createProcessInstance({ bpmnProcessId, variables })).processInstanceKey;
    // an instance waiting for a message after a decision, one with an incident, one with a user task
    waiting = await start('mandate-follow-up', { mandateId: 'M-1', measure: 'electronic-monitoring' });
    const job = await t.nextJob('issue-mandate');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    failed = await start('mandate-follow-up', { mandateId: 'M-2', measure: 'curfew' });
    const doomed = await t.nextJob('issue-mandate');
    await t.zbc.failJob({ jobKey: doomed.key, retries: 0, errorMessage: 'BNG down', retryBackOff: 0 });
    tasked = await start('review-task', { file: 'F-1' });
    caller = await start('review-caller', { file: 'F-2' });
  });
  afterAll(() => t.close());

  const first = <T>(page: { items: T[] }) => {
    expect(page.items.length).toBeGreaterThan(0);
    return page.items[0];
  };

  it('topology', async () => {
    const topology = await strict(camunda.getTopology());
    expect(topology.clusterId).toBeDefined();
    expect(topology.brokers[0].partitions[0]).toMatchObject({ partitionId: 1, role: 'leader' });
  });

  it('process definitions: search, get, XML', async () => {
    const found = first(
      await strict(camunda.searchProcessDefinitions({ filter: { processDefinitionId: 'review-task' } }, NOW)),
    );
    const one = await strict(
      camunda.getProcessDefinition({ processDefinitionKey: found.processDefinitionKey }, NOW),
    );
    expect(one.processDefinitionId).toBe('review-task');
    const xml = await strict(
      camunda.getProcessDefinitionXml({ processDefinitionKey: found.processDefinitionKey }, NOW),
    );
    expect(String(xml)).toContain('review-task');
  });

  it('process instances: search and get', async () => {
    const page = await strict(
      camunda.searchProcessInstances({ filter: { processDefinitionId: 'mandate-follow-up' } }, NOW),
    );
    expect(page.items).toHaveLength(2);
    const one = await strict(camunda.getProcessInstance({ processInstanceKey: failed as never }, NOW));
    expect(one).toMatchObject({ hasIncident: true, rootProcessInstanceKey: failed, tags: [], endDate: null });
    // a called instance names the instance at the top of its call chain
    const child = first(
      await strict(
        camunda.searchProcessInstances({ filter: { parentProcessInstanceKey: caller as never } }, NOW),
      ),
    );
    expect(child).toMatchObject({ processDefinitionId: 'review-task', rootProcessInstanceKey: caller });
    const task = first(
      await strict(
        camunda.searchUserTasks({ filter: { processInstanceKey: child.processInstanceKey } }, NOW),
      ),
    );
    expect(task.rootProcessInstanceKey).toBe(caller);
  });

  it('element instances: search and get', async () => {
    const found = first(
      await strict(camunda.searchElementInstances({ filter: { processInstanceKey: waiting as never } }, NOW)),
    );
    const one = await strict(
      camunda.getElementInstance({ elementInstanceKey: found.elementInstanceKey }, NOW),
    );
    expect(one.processInstanceKey).toBe(waiting);
  });

  it('variables: search and get', async () => {
    const found = first(
      await strict(camunda.searchVariables({ filter: { processInstanceKey: waiting as never } }, NOW)),
    );
    const one = await strict(camunda.getVariable({ variableKey: found.variableKey }, NOW));
    expect(one.name).toBe(found.name);
  });

  it('jobs: search', async () => {
    const found = first(
      await strict(camunda.searchJobs({ filter: { processInstanceKey: failed as never } }, NOW)),
    );
    expect(found).toMatchObject({ state: 'FAILED', retries: 0 });
  });

  it('incidents: search and get', async () => {
    const found = first(
      await strict(camunda.searchIncidents({ filter: { processInstanceKey: failed as never } }, NOW)),
    );
    const one = await strict(camunda.getIncident({ incidentKey: found.incidentKey }, NOW));
    expect(one.errorType).toBe('JOB_NO_RETRIES');
  });

  it('message subscriptions: search', async () => {
    const found = first(
      await strict(
        camunda.searchMessageSubscriptions({ filter: { processInstanceKey: waiting as never } }, NOW),
      ),
    );
    expect(found).toMatchObject({ messageName: 'MandateAcknowledged', correlationKey: 'M-1' });
  });

  it('decision instances: search and get', async () => {
    const found = first(
      await strict(
        camunda.searchDecisionInstances({ filter: { processInstanceKey: waiting as never } }, NOW),
      ),
    );
    const one = await strict(
      camunda.getDecisionInstance(
        { decisionEvaluationInstanceKey: found.decisionEvaluationInstanceKey },
        NOW,
      ),
    );
    expect(one.decisionDefinitionId).toBe('priority');
  });

  it('user tasks: search, get and form', async () => {
    const found = first(
      await strict(camunda.searchUserTasks({ filter: { processInstanceKey: tasked as never } }, NOW)),
    );
    const one = await strict(camunda.getUserTask({ userTaskKey: found.userTaskKey }, NOW));
    expect(one.candidateGroups).toEqual(['clerks']);
    const form = await strict(camunda.getUserTaskForm({ userTaskKey: found.userTaskKey }, NOW));
    expect(form).toMatchObject({ formId: 'review-form' });
  });
});
