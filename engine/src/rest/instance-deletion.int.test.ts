import * as fs from 'node:fs';
import * as path from 'node:path';
import { startRestTestEngine, type RestTestEngine } from './__fixtures__/rest-test-engine';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const PROCESS = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="x">
<bpmn:message id="m" name="go"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>
<bpmn:process id="deletable" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
<bpmn:receiveTask id="w" messageRef="m"/><bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="t"/>
<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
</bpmn:process></bpmn:definitions>`;

const PERSON = { name: 'Jan Peeters', nrn: '85073100145' };

describe('REST: POST /v2/process-instances/{key}/deletion (Camunda 8.9)', () => {
  let t: RestTestEngine;
  beforeAll(async () => {
    t = await startRestTestEngine();
    await t.zbc.deployResource({ name: 'deletable.bpmn', process: Buffer.from(PROCESS) });
  });
  afterAll(() => t.close());

  const count = (sql: string, key: string) =>
    (t.running.engine.db.prepare(sql).get(Number(key)) as { n: number }).n;

  it('refuses a running instance (409), then deletes it once completed with its variables and messages', async () => {
    const { processInstanceKey: key } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'deletable',
      variables: { caseId: 'C-1', person: PERSON },
    });
    const refused = await t.post(`/v2/process-instances/${key}/deletion`);
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/not completed or terminated; cancel it first/);

    await t.zbc.publishMessage({
      name: 'go',
      correlationKey: 'C-1',
      variables: { note: PERSON.name },
      timeToLive: 60_000,
    });
    const job = await t.nextJob('work');
    await t.zbc.completeJob({ jobKey: job.key, variables: { done: true } });
    await t.until(
      async () => (await t.get(`/v2/process-instances/${key}`)).body.state === 'COMPLETED',
      'completed',
    );

    const deleted = await t.post(`/v2/process-instances/${key}/deletion`, {});
    expect(deleted.status).toBe(204);
    expect((await t.get(`/v2/process-instances/${key}`)).status).toBe(404);
    expect(
      (await t.post('/v2/variables/search', { filter: { processInstanceKey: key } })).body.items,
    ).toEqual([]);
    expect(count('SELECT count(*) AS n FROM element_instance WHERE process_instance_key = ?', key)).toBe(0);
    expect(count('SELECT count(*) AS n FROM job WHERE process_instance_key = ?', key)).toBe(0);
    expect(count('SELECT count(*) AS n FROM message_correlation WHERE process_instance_key = ?', key)).toBe(
      0,
    );
    const rows = t.running.engine.db
      .prepare("SELECT count(*) AS n FROM message WHERE variables LIKE '%' || ? || '%'")
      .get(PERSON.name) as { n: number };
    expect(rows.n).toBe(0);

    // nothing of the person is left in the engine's files (free pages are zeroed, the WAL emptied)
    const dir = path.dirname(t.running.engine.db.name);
    for (const f of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, f));
      expect([f, bytes.includes('Jan Peeters')]).toEqual([f, false]);
      expect([f, bytes.includes(PERSON.nrn)]).toEqual([f, false]);
    }

    const again = await t.post(`/v2/process-instances/${key}/deletion`);
    expect(again.status).toBe(404);
  });

  it('deletes a terminated instance and refuses a malformed key (400)', async () => {
    const { processInstanceKey: key } = await t.zbc.createProcessInstance({
      bpmnProcessId: 'deletable',
      variables: { caseId: 'C-2', person: PERSON },
    });
    await t.zbc.cancelProcessInstance(key);
    expect((await t.post(`/v2/process-instances/${key}/deletion`)).status).toBe(204);
    const bad = await t.post('/v2/process-instances/abc/deletion');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/not a process instance key/);
  });
});
