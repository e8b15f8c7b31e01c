import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

jest.setTimeout(30_000);

const HOUR = 3600_000;

/**
 * Each endpoint family of the read API over real gRPC-driven state: given instances in known
 * states, when the v2 searches run, then items have Camunda's shapes and the filters, sorting
 * and paging behave as the v2 API says.
 */
describe('read API searches', () => {
  let t: RestTestEngine;
  const start = Date.UTC(2026, 0, 1, 9, 0, 0);
  let waiting: string; // ACTIVE, waiting for its acknowledgement
  let acknowledged: string; // COMPLETED
  let cancelled: string; // TERMINATED while its job was held by a worker
  let working: string; // ACTIVE, its job held by a worker
  const longReport = 'x'.repeat(9000);

  beforeAll(async () => {
    t = await startRestTestEngine();
    await t.deployFixtures('priority.dmn', 'mandate-follow-up.bpmn');
    const run = async (mandateId: string, measure: string, extra: object = {}) =>
      (
        await t.zbc.createProcessInstance({
          bpmnProcessId: 'mandate-follow-up',
          variables: { mandateId, measure, ...extra },
        })
      ).processInstanceKey;
    const completeNextJob = async () => {
      const job = await t.nextJob('issue-mandate', 'police-worker');
      await t.zbc.completeJob({ jobKey: job.key, variables: {} });
    };
    waiting = await run('M-1', 'electronic-monitoring', { report: longReport });
    await completeNextJob();
    t.clock.advance(HOUR);
    acknowledged = await run('M-2', 'probation');
    await completeNextJob();
    await t.zbc.publishMessage({ name: 'MandateAcknowledged', correlationKey: 'M-2', variables: {} });
    t.clock.advance(HOUR);
    cancelled = await run('M-3', 'probation');
    await t.nextJob('issue-mandate', 'w');
    await t.zbc.cancelProcessInstance(cancelled);
    t.clock.advance(HOUR);
    working = await run('M-4', 'probation');
    await t.nextJob('issue-mandate', 'police-worker');
    await t.until(
      async () =>
        (await t.post('/v2/process-instances/search', { filter: { state: 'COMPLETED' } })).body.items
          .length === 1,
      'the acknowledged instance completed',
    );
  });
  afterAll(() => t.close());

  const keys = (answer: { body: { items: Array<Record<string, string>> } }, field = 'processInstanceKey') =>
    answer.body.items.map((i) => i[field]);

  describe('process definitions', () => {
    it('searches, gets one and its XML', async () => {
      const search = await t.post('/v2/process-definitions/search', { filter: { isLatestVersion: true } });
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([
        {
          processDefinitionKey: expect.stringMatching(/^\d+$/),
          processDefinitionId: 'mandate-follow-up',
          name: 'Mandate follow-up',
          resourceName: 'mandate-follow-up.bpmn',
          version: 1,
          tenantId: '<default>',
          hasStartForm: false,
          versionTag: null, // 8.9: every field, null when unset
          state: 'ACTIVE',
        },
      ]);
      const key = search.body.items[0].processDefinitionKey;
      expect((await t.get(`/v2/process-definitions/${key}`)).body).toEqual(search.body.items[0]);
      const xml = await t.get(`/v2/process-definitions/${key}/xml`);
      expect(xml.type).toContain('text/xml');
      expect(xml.body).toContain('<bpmn:receiveTask id="await-ack"');
    });
  });

  describe('process instances', () => {
    it('filters by state and process id, with Camunda fields', async () => {
      const active = await t.post('/v2/process-instances/search', {
        filter: { state: 'ACTIVE', processDefinitionId: 'mandate-follow-up' },
      });
      expect(keys(active)).toEqual([waiting, working]);
      expect(active.body.items[0]).toEqual({
        processInstanceKey: waiting,
        processDefinitionId: 'mandate-follow-up',
        processDefinitionName: 'Mandate follow-up',
        processDefinitionVersion: 1,
        processDefinitionKey: expect.stringMatching(/^\d+$/),
        startDate: new Date(start).toISOString(),
        state: 'ACTIVE',
        hasIncident: false,
        tenantId: '<default>',
        processDefinitionVersionTag: null,
        endDate: null,
        parentProcessInstanceKey: null,
        parentElementInstanceKey: null,
        rootProcessInstanceKey: waiting,
        tags: [],
        businessId: null,
      });
      const terminated = await t.post('/v2/process-instances/search', { filter: { state: 'TERMINATED' } });
      expect(keys(terminated)).toEqual([cancelled]);
      expect(terminated.body.items[0].endDate).toBe(new Date(start + 2 * HOUR).toISOString());
    });

    it('filters by start date with $gt/$gte/$lt/$lte/$eq', async () => {
      const at = (h: number) => new Date(start + h * HOUR).toISOString();
      const search = async (startDate: unknown) =>
        keys(await t.post('/v2/process-instances/search', { filter: { startDate } }));
      expect(await search({ $gte: at(1) })).toEqual([acknowledged, cancelled, working]);
      expect(await search({ $gt: at(1) })).toEqual([cancelled, working]);
      expect(await search({ $gte: at(1), $lt: at(3) })).toEqual([acknowledged, cancelled]);
      expect(await search({ $lte: at(0) })).toEqual([waiting]);
      expect(await search({ $eq: at(2) })).toEqual([cancelled]);
      expect(await search(at(3))).toEqual([working]);
    });

    it('filters by variables (JSON values), and combines with other filters', async () => {
      const search = async (filter: object) => keys(await t.post('/v2/process-instances/search', { filter }));
      expect(await search({ variables: [{ name: 'mandateId', value: '"M-2"' }] })).toEqual([acknowledged]);
      expect(
        await search({ variables: [{ name: 'measure', value: '"probation"' }], state: 'ACTIVE' }),
      ).toEqual([working]);
      expect(await search({ variables: [{ name: 'mandateId', value: { $like: '"M-*' } }] })).toHaveLength(4);
      expect(await search({ variables: [{ name: 'mandateId', value: '"M-9"' }] })).toEqual([]);
    });

    it('sorts by start date descending, and gets one by key (404 problem when unknown)', async () => {
      const sorted = await t.post('/v2/process-instances/search', {
        sort: [{ field: 'startDate', order: 'DESC' }],
      });
      expect(keys(sorted)).toEqual([working, cancelled, acknowledged, waiting]);
      expect((await t.get(`/v2/process-instances/${acknowledged}`)).body).toMatchObject({
        state: 'COMPLETED',
      });
      const missing = await t.get('/v2/process-instances/2251799813999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({
        title: 'NOT_FOUND',
        status: 404,
        detail: "Process instance with key '2251799813999999' not found",
        instance: '/v2/process-instances/2251799813999999',
      });
    });
  });

  describe('paging', () => {
    it('pages by offset and by cursor (after, before) with the same items', async () => {
      const page = (p: object) => t.post('/v2/process-instances/search', { page: p });
      const all = keys(await page({ limit: 10 }));
      expect(all).toEqual([waiting, acknowledged, cancelled, working]);
      const first = await page({ from: 0, limit: 2 });
      expect(keys(first)).toEqual(all.slice(0, 2));
      expect(first.body.page).toMatchObject({ totalItems: 4, hasMoreTotalItems: false });
      expect(keys(await page({ from: 2, limit: 2 }))).toEqual(all.slice(2));
      const second = await page({ after: first.body.page.endCursor, limit: 2 });
      expect(keys(second)).toEqual(all.slice(2));
      expect(keys(await page({ before: second.body.page.startCursor, limit: 2 }))).toEqual(all.slice(0, 2));
      expect((await page({ after: second.body.page.endCursor, limit: 2 })).body).toEqual({
        items: [],
        page: { totalItems: 4, hasMoreTotalItems: false, startCursor: null, endCursor: null },
      });
    });

    it('keeps cursor order with a descending sort on another field', async () => {
      const sort = [{ field: 'state', order: 'DESC' }];
      const first = await t.post('/v2/process-instances/search', { sort, page: { limit: 3 } });
      const rest = await t.post('/v2/process-instances/search', {
        sort,
        page: { limit: 3, after: first.body.page.endCursor },
      });
      // TERMINATED > COMPLETED > ACTIVE, ties by key
      expect([...keys(first), ...keys(rest)]).toEqual([cancelled, acknowledged, waiting, working]);
    });
  });

  describe('element instances', () => {
    it("draws an instance's path, with element names and types", async () => {
      const path = await t.post('/v2/element-instances/search', {
        filter: { processInstanceKey: acknowledged },
        sort: [{ field: 'startDate' }],
      });
      const byId = Object.fromEntries(path.body.items.map((e: Record<string, string>) => [e.elementId, e]));
      expect(byId['await-ack']).toMatchObject({
        elementName: 'Await acknowledgement',
        type: 'RECEIVE_TASK',
        state: 'COMPLETED',
        hasIncident: false,
        processInstanceKey: acknowledged,
        processDefinitionId: 'mandate-follow-up',
      });
      expect(Object.keys(byId)).toEqual(
        expect.arrayContaining(['start', 'issue', 'rate', 'await-ack', 'acknowledged']),
      );
      const open = await t.post('/v2/element-instances/search', {
        filter: { processInstanceKey: waiting, state: 'ACTIVE', type: 'RECEIVE_TASK' },
      });
      expect(open.body.items.map((e: Record<string, string>) => e.elementId)).toEqual(['await-ack']);
      const one = await t.get(`/v2/element-instances/${open.body.items[0].elementInstanceKey}`);
      expect(one.body).toEqual(open.body.items[0]);
    });
  });

  describe('variables', () => {
    it('searches per instance and name; long values are truncated in searches and whole by key', async () => {
      const search = await t.post('/v2/variables/search', {
        filter: { processInstanceKey: waiting, scopeKey: waiting },
        sort: [{ field: 'name' }],
      });
      expect(search.body.items.map((v: Record<string, string>) => v.name)).toEqual([
        'mandateId',
        'measure',
        'priority',
        'report',
      ]);
      const mandate = search.body.items[0];
      expect(mandate).toEqual({
        variableKey: expect.stringMatching(/^\d+$/),
        name: 'mandateId',
        value: '"M-1"',
        isTruncated: false,
        scopeKey: waiting,
        processInstanceKey: waiting,
        rootProcessInstanceKey: waiting,
        tenantId: '<default>',
      });
      const report = search.body.items[3];
      expect(report.isTruncated).toBe(true);
      expect(report.value).toHaveLength(8191);
      const whole = await t.get(`/v2/variables/${report.variableKey}`);
      expect(JSON.parse(whole.body.value)).toBe(longReport);
      const byName = await t.post('/v2/variables/search', { filter: { name: 'priority', value: '"high"' } });
      expect(keys(byName)).toEqual([waiting]);
    });
  });

  describe('jobs', () => {
    it('reports Camunda job states: a job held by a worker is CREATED with its worker and deadline', async () => {
      const held = await t.post('/v2/jobs/search', { filter: { processInstanceKey: working } });
      expect(held.body.items).toEqual([
        expect.objectContaining({
          type: 'issue-mandate',
          state: 'CREATED',
          worker: 'police-worker',
          kind: 'BPMN_ELEMENT',
          listenerEventType: 'UNSPECIFIED',
          retries: 1,
          deadline: new Date(start + 3 * HOUR + 60_000).toISOString(),
          customHeaders: { channel: 'police' },
          elementId: 'issue',
          hasFailedWithRetriesLeft: false,
        }),
      ]);
      const states = async (state: string) =>
        keys(await t.post('/v2/jobs/search', { filter: { state, type: 'issue-mandate' } }));
      expect(await states('COMPLETED')).toEqual([waiting, acknowledged]);
      expect(await states('CANCELED')).toEqual([cancelled]);
      expect(await states('TIMED_OUT')).toEqual([]);
    });
  });

  describe('decision instances', () => {
    it('lists evaluations and shows which rules matched', async () => {
      const search = await t.post('/v2/decision-instances/search', {
        filter: { processInstanceKey: waiting },
      });
      expect(search.body.items).toEqual([
        expect.objectContaining({
          decisionEvaluationInstanceKey: expect.stringMatching(/^\d+-1$/),
          state: 'EVALUATED',
          decisionDefinitionId: 'priority',
          decisionDefinitionName: 'Mandate priority',
          decisionDefinitionVersion: 1,
          decisionDefinitionType: 'DECISION_TABLE',
          result: '"high"',
          processInstanceKey: waiting,
        }),
      ]);
      const one = await t.get(`/v2/decision-instances/${search.body.items[0].decisionEvaluationInstanceKey}`);
      expect(one.body.evaluatedInputs).toEqual([
        { inputId: 'in-measure', inputName: 'Measure', inputValue: '"electronic-monitoring"' },
      ]);
      expect(one.body.matchedRules).toEqual([
        {
          ruleId: 'monitoring',
          ruleIndex: 1,
          evaluatedOutputs: [
            {
              outputId: 'out-priority',
              outputName: 'priority',
              outputValue: '"high"',
              ruleId: 'monitoring',
              ruleIndex: 1,
            },
          ],
        },
      ]);
      const byType = await t.post('/v2/decision-instances/search', {
        filter: { decisionDefinitionType: 'DECISION_TABLE', decisionDefinitionId: 'priority' },
      });
      expect(keys(byType)).toEqual([waiting, acknowledged]);
      expect((await t.get('/v2/decision-instances/1-9')).status).toBe(404);
    });
  });

  describe('problem documents for bad input', () => {
    const problem = async (p: string, body: unknown, status = 400) => {
      const a = await t.post(p, body);
      expect(a.status).toBe(status);
      expect(a.type).toContain('application/problem+json');
      expect(a.body).toMatchObject({ type: 'about:blank', status, instance: p });
      return a.body.detail as string;
    };

    it('names an unknown filter field and lists the known ones', async () => {
      const detail = await problem('/v2/process-instances/search', { filter: { status: 'ACTIVE' } });
      expect(detail).toMatch(/unknown filter field 'status'/);
      expect(detail).toMatch(/state/);
    });
    it('names a bad sort field and the sortable ones', async () => {
      expect(await problem('/v2/jobs/search', { sort: [{ field: 'priority' }] })).toMatch(
        /"priority".*use one of .*jobKey/,
      );
      expect(await problem('/v2/jobs/search', { sort: [{ field: 'type', order: 'UP' }] })).toMatch(
        /ASC or DESC/,
      );
    });
    it('refuses a limit above 10,000, from with a cursor, and a cursor it did not make', async () => {
      expect(await problem('/v2/incidents/search', { page: { limit: 10_001 } })).toMatch(/1 to 10000/);
      expect(await problem('/v2/incidents/search', { page: { from: 1, after: 'x' } })).toMatch(
        /cannot be combined/,
      );
      expect(await problem('/v2/incidents/search', { page: { after: 'not-a-cursor' } })).toMatch(
        /not a cursor/,
      );
    });
    it('says when the body is not JSON', async () => {
      expect(await problem('/v2/variables/search', '{"filter": ')).toMatch(/not valid JSON/);
    });
    it('checks values: enum values, dates, keys and operators', async () => {
      expect(await problem('/v2/process-instances/search', { filter: { state: 'RUNNING' } })).toMatch(
        /ACTIVE, COMPLETED, TERMINATED/,
      );
      expect(
        await problem('/v2/process-instances/search', { filter: { startDate: { $gt: 'yesterday' } } }),
      ).toMatch(/ISO 8601/);
      expect(
        await problem('/v2/process-instances/search', { filter: { processInstanceKey: 'abc' } }),
      ).toMatch(/string of digits/);
      expect(
        await problem('/v2/process-instances/search', { filter: { processDefinitionId: { $gt: 'a' } } }),
      ).toMatch(/unsupported operator '\$gt'/);
      expect(await problem('/v2/process-instances/search', { filter: {}, size: 5 })).toMatch(
        /unknown property 'size'/,
      );
    });
    it('answers unknown paths with 404 and wrong methods with 405', async () => {
      expect(await problem('/v2/batch-operations/search', {}, 404)).toMatch(/no endpoint/);
      const wrong = await t.get('/v2/jobs/search');
      expect(wrong.status).toBe(405);
      expect(wrong.body.detail).toMatch(/use POST/);
    });
    it('refuses job changes that are malformed or name no job', async () => {
      const a = await t.patch(`/v2/jobs/1`, { changeset: { timeout: 'soon' } });
      expect(a.status).toBe(400);
      expect(a.body.detail).toMatch(/changeset.timeout must be an integer/);
      const empty = await t.patch(`/v2/jobs/1`, { changeset: {} });
      expect(empty.body.detail).toMatch(/retries or timeout/);
      const unknown = await t.patch('/v2/jobs/2251799813999999', { changeset: { retries: 2 } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.title).toBe('NOT_FOUND');
    });
  });
});
