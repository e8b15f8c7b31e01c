import { Camunda8 } from '@camunda8/sdk';
import { TEST_CLIENT } from '../test-support/test-credentials';
import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

jest.setTimeout(30_000);

/**
 * The issue's "done when" for the read API: an operator sees what an instance waits for, and
 * repairs an incident through the API; `@camunda8/sdk`'s REST client works unchanged.
 */
describe('read API: what an instance waits for, and an incident repaired through the API', () => {
  let t: RestTestEngine;
  beforeAll(async () => {
    t = await startRestTestEngine();
    await t.deployFixtures('priority.dmn', 'mandate-follow-up.bpmn');
  });
  afterAll(() => t.close());

  const openSubscriptions = async (processInstanceKey: string) =>
    (
      await t.post('/v2/message-subscriptions/search', {
        filter: { processInstanceKey, messageSubscriptionState: 'CREATED' },
      })
    ).body.items;

  it('shows the open message subscription of a waiting instance, and its end once the message is published', async () => {
    // given an instance past its service task and business rule task, waiting for the acknowledgement
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'mandate-follow-up',
      variables: { mandateId: 'M-123', measure: 'electronic-monitoring' },
    });
    const job = await t.nextJob('issue-mandate');
    await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    await t.until(
      async () => (await openSubscriptions(processInstanceKey)).length === 1,
      'the instance waits',
    );

    // when the operations view asks what it waits for
    const [subscription] = await openSubscriptions(processInstanceKey);

    // then it sees the message name and the correlation key
    expect(subscription).toMatchObject({
      messageName: 'MandateAcknowledged',
      correlationKey: 'M-123',
      messageSubscriptionState: 'CREATED',
      elementId: 'await-ack',
      processInstanceKey,
      processDefinitionId: 'mandate-follow-up',
      tenantId: '<default>',
    });
    expect(subscription.messageSubscriptionKey).toMatch(/^\d+$/);
    // and the deadline timer it also waits on (iplus extension)
    const timers = await t.post('/v2/x-iplus/timers/search', { filter: { processInstanceKey } });
    expect(timers.body.items).toEqual([
      expect.objectContaining({
        elementId: 'deadline',
        dueDate: new Date(t.clock.now() + 24 * 3600_000).toISOString(),
        state: 'CREATED',
      }),
    ]);

    // when the message is published
    await t.zbc.publishMessage({ name: 'MandateAcknowledged', correlationKey: 'M-123', variables: {} });
    await t.until(
      async () => (await openSubscriptions(processInstanceKey)).length === 0,
      'the subscription closes',
    );

    // then the subscription is correlated, the timer gone and the instance completed
    const all = await t.post('/v2/message-subscriptions/search', { filter: { processInstanceKey } });
    expect(
      all.body.items.map((s: { messageSubscriptionState: string }) => s.messageSubscriptionState),
    ).toEqual(['CORRELATED']);
    expect(
      (await t.post('/v2/x-iplus/timers/search', { filter: { processInstanceKey } })).body.items,
    ).toEqual([]);
    expect((await t.get(`/v2/process-instances/${processInstanceKey}`)).body.state).toBe('COMPLETED');
  });

  it('shows an incident when retries are exhausted; PATCH retries and POST resolution let the job run again and the instance complete', async () => {
    // given a job that failed with no retries left
    const { processInstanceKey } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'mandate-follow-up',
      variables: { mandateId: 'M-124', measure: 'probation' },
    });
    const failed = await t.nextJob('issue-mandate');
    await t.zbc.failJob({
      jobKey: failed.key,
      retries: 0,
      errorMessage: 'police zone system down',
      retryBackOff: 0,
    });

    // when the operations view searches for the instance's incidents
    const search = await t.post('/v2/incidents/search', { filter: { processInstanceKey, state: 'ACTIVE' } });

    // then it sees the incident, its job, and the instance flagged
    expect(search.body.items).toEqual([
      expect.objectContaining({
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'police zone system down',
        elementId: 'issue',
        jobKey: failed.key,
        state: 'ACTIVE',
        processInstanceKey,
      }),
    ]);
    const incidentKey = search.body.items[0].incidentKey as string;
    expect((await t.get(`/v2/process-instances/${processInstanceKey}`)).body.hasIncident).toBe(true);
    const jobs = await t.post('/v2/jobs/search', { filter: { processInstanceKey } });
    expect(jobs.body.items[0]).toMatchObject({
      jobKey: failed.key,
      state: 'FAILED',
      retries: 0,
      errorMessage: 'police zone system down',
    });

    // when the operator gives the job a retry and resolves the incident through the API
    expect((await t.patch(`/v2/jobs/${failed.key}`, { changeset: { retries: 1 } })).status).toBe(204);
    expect((await t.post(`/v2/incidents/${incidentKey}/resolution`)).status).toBe(204);

    // then the incident is resolved, the job is activated again, and the instance completes
    expect((await t.get(`/v2/incidents/${incidentKey}`)).body.state).toBe('RESOLVED');
    const again = await t.nextJob('issue-mandate');
    expect(again.key).toBe(failed.key);
    await t.zbc.completeJob({ jobKey: again.key, variables: {} });
    await t.zbc.publishMessage({ name: 'MandateAcknowledged', correlationKey: 'M-124', variables: {} });
    await t.until(
      async () => (await t.get(`/v2/process-instances/${processInstanceKey}`)).body.state === 'COMPLETED',
      'the instance completes',
    );
    expect((await t.get(`/v2/process-instances/${processInstanceKey}`)).body.hasIncident).toBe(false);
    // and resolving it twice is a 404 problem
    const twice = await t.post(`/v2/incidents/${incidentKey}/resolution`);
    expect(twice.status).toBe(404);
    expect(twice.type).toContain('application/problem+json');
  });

  it("@camunda8/sdk's CamundaRestClient reads the topology and searches unchanged", async () => {
    const c8 = new Camunda8({
      ZEEBE_REST_ADDRESS: t.rest,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
    } as never);
    const client = c8.getCamundaRestClient();

    const topology = await client.getTopology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1 });
    expect(topology.brokers[0].partitions[0]).toMatchObject({
      partitionId: 1,
      role: 'leader',
      health: 'healthy',
    });

    const instances = await client.searchProcessInstances({
      filter: { processDefinitionId: 'mandate-follow-up', state: 'COMPLETED' },
      sort: [{ field: 'startDate', order: 'ASC' }],
    } as never);
    expect(instances.items.length).toBe(2);
    expect(instances.items[0]).toMatchObject({
      processDefinitionId: 'mandate-follow-up',
      state: 'COMPLETED',
    });
    expect(instances.page.totalItems).toBe(2);

    const incidents = await client.searchIncidents({ filter: { state: 'RESOLVED' } } as never);
    expect(incidents.items).toHaveLength(1);

    const definitions = await client.searchProcessDefinitions({
      filter: { processDefinitionId: 'mandate-follow-up' },
    } as never);
    const xml = await client.getProcessDefinitionXML(definitions.items[0].processDefinitionKey);
    expect(xml).toContain('MandateAcknowledged');
  });
});
