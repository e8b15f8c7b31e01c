import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startEngineProcess, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';
import { testDatabase, testPostgres } from '../__fixtures__/test-store';

interface Version {
  bpmnProcessId: string;
  version: number;
  key: string;
  source: string;
  deployedBy: string;
  comment: string;
  approvedBy: string | null;
}
interface Draft {
  id: string;
  status: string;
  deployedVersion: number | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

const BPMN = path.resolve(__dirname, '..', '..', '..', 'bpmn');
const CR = 'conditional-release.bpmn';

// The restart bug of issue 18: a person's version of a model survives a restart, and a file of
// bpmn/ that changed after it is reported as a conflict, not deployed over it. Real engine, real
// SQLite or PostgreSQL, the platform stopped and started again on the same store.
describe('the models’ history across restarts', () => {
  jest.setTimeout(240_000);
  let engine: EngineProcess;
  let zeebe: ZBClient;
  let t: TestPlatform | undefined;
  let modelsDir: string;
  let dataDir: string;
  let databaseUrl: string | undefined;

  const start = async () => {
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      modelsDir,
      dataDir,
      databaseUrl,
    });
    await t.platform.ready;
    return t;
  };
  const restart = async () => {
    await t!.close();
    return start();
  };
  const versions = async (id: string) =>
    (await t!.as<Version[]>('analyst', 'GET', '/api/models')).body.filter((v) => v.bpmnProcessId === id);
  /** The process definition a new case of the process runs (the engine's latest version). */
  const newCaseRuns = async (id: string) => {
    const i = await zeebe.createProcessInstance({
      bpmnProcessId: id,
      variables: { mandateId: 'M-0', ackDeadline: 'PT1H' },
    });
    await zeebe.cancelProcessInstance(i.processInstanceKey).catch(() => undefined);
    return { key: String(i.processDefinitionKey), version: i.version };
  };

  beforeAll(async () => {
    engine = await startEngineProcess();
    zeebe = new ZBClient(engine.address, {
      basicAuth: engine.basicAuth,
      loglevel: 'NONE',
      retry: false,
    } as never);
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-models-'));
    for (const f of fs.readdirSync(BPMN).filter((n) => n.endsWith('.bpmn')))
      fs.copyFileSync(path.join(BPMN, f), path.join(modelsDir, f));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-models-data-'));
    databaseUrl = testDatabase === 'postgres' ? await (await testPostgres()).createDatabase() : undefined;
    await start();
  });
  afterAll(async () => {
    await t?.close();
    await zeebe?.close();
    await engine?.stop();
    fs.rmSync(modelsDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds from the files, deploys a person’s version after a second person approves, and keeps it across a restart', async () => {
    const seeded = await versions('conditional-release');
    expect(seeded).toEqual([
      expect.objectContaining({
        version: 1,
        source: 'file',
        deployedBy: 'system',
        comment: `from bpmn/${CR}`,
      }),
    ]);

    // with four eyes, nobody deploys at once
    const edited = fs
      .readFileSync(path.join(modelsDir, CR), 'utf8')
      .replace('name="Issue mandate"', 'name="Issue the mandate"');
    const direct = await t!.as<Problem>('analyst', 'POST', '/api/models', { fileName: CR, xml: edited });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('review_required');

    // the project's lint rules block a mistyped iplus job type, naming the rule and the element
    const typo = await t!.as<Draft>('analyst', 'POST', '/api/models/drafts', {
      fileName: CR,
      xml: edited.replace('type="iplus:issue-mandate"', 'type="iplus:issue-mandat"'),
    });
    expect(typo.status).toBe(201);
    const refused = await t!.as<Problem>('analyst', 'POST', `/api/models/drafts/${typo.body.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('model_lint_failed');
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ field: 'xml#IssueMandate', code: 'known-task-type' }),
    );
    expect(refused.body.detail).toMatch(/IssueMandate: Unknown iplus job type <iplus:issue-mandat>/);

    const draft = await t!.as<Draft>('analyst', 'POST', '/api/models/drafts', {
      fileName: CR,
      xml: edited,
      comment: 'clearer task name',
      baseVersion: 1,
    });
    expect(
      (await t!.as<Draft>('analyst', 'POST', `/api/models/drafts/${draft.body.id}/submit`)).body.status,
    ).toBe('submitted');
    const ownApproval = await t!.as<Problem>(
      'analyst',
      'POST',
      `/api/models/drafts/${draft.body.id}/approve`,
    );
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body.code).toBe('review_refused');
    const approved = await t!.as<Draft>('admin', 'POST', `/api/models/drafts/${draft.body.id}/approve`, {
      comment: 'looks right',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', deployedVersion: 2 });
    const v2 = (await versions('conditional-release'))[0]!;
    expect(v2).toMatchObject({
      version: 2,
      source: 'api',
      deployedBy: 'analyst',
      approvedBy: 'admin',
      comment: 'clearer task name',
    });
    const audit = await t!.as<{ items: Array<{ action: string; object: string }> }>(
      'admin',
      'GET',
      `/api/audit?object=${draft.body.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'model.draft.approve',
      'model.draft.save',
      'model.draft.submit',
    ]);
    expect(await newCaseRuns('conditional-release')).toEqual({ key: v2.key, version: 2 });

    // a rejection says why, is audited, deploys nothing; the author may change the draft again
    const second = await t!.as<Draft>('analyst', 'POST', '/api/models/drafts', {
      fileName: CR,
      xml: edited.replace('name="Issue the mandate"', 'name="Issue it"'),
      baseVersion: 2,
    });
    await t!.as('analyst', 'POST', `/api/models/drafts/${second.body.id}/submit`);
    const rejected = await t!.as<Draft & { reviewComment: string }>(
      'admin',
      'POST',
      `/api/models/drafts/${second.body.id}/reject`,
      { comment: 'too terse' },
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reviewComment: 'too terse',
      deployedVersion: null,
    });
    expect(
      (await t!.as<Problem>('admin', 'POST', `/api/models/drafts/${second.body.id}/approve`)).status,
    ).toBe(409);
    expect(
      (await t!.as<Problem>('admin', 'PUT', `/api/models/drafts/${second.body.id}`, { xml: edited })).status,
    ).toBe(403);
    const changed = await t!.as<Draft>('analyst', 'PUT', `/api/models/drafts/${second.body.id}`, {
      xml: edited,
    });
    expect(changed.body.status).toBe('draft');
    const rejectAudit = await t!.as<{ items: Array<{ action: string; user: string }> }>(
      'admin',
      'GET',
      `/api/audit?object=${second.body.id}`,
    );
    expect(rejectAudit.body.items).toContainEqual(
      expect.objectContaining({ action: 'model.draft.reject', user: 'admin' }),
    );
    expect((await versions('conditional-release'))[0]!.version).toBe(2);

    // the restart: the file is unchanged, the person's version stays the one new cases run
    await restart();
    expect((await versions('conditional-release')).map((v) => [v.version, v.source])).toEqual([
      [2, 'api'],
      [1, 'file'],
    ]);
    expect(await newCaseRuns('conditional-release')).toEqual({ key: v2.key, version: 2 });
    expect((await t!.as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).body).toEqual([]);
  });

  it('reports a file changed after a person deployed as a conflict, keeps serving the person’s version until an analyst chooses', async () => {
    const v2 = (await versions('conditional-release'))[0]!;
    const file = path.join(modelsDir, CR);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('name="Build recipients"', 'name="Build the recipients"'),
    );
    // a file nobody deployed over is simply seeded again
    const followUp = path.join(modelsDir, 'mandate-follow-up.bpmn');
    fs.writeFileSync(
      followUp,
      fs
        .readFileSync(followUp, 'utf8')
        .replace('name="Escalate to the coordinator"', 'name="Escalate to the province coordinator"'),
    );
    await restart();

    expect((await versions('mandate-follow-up')).map((v) => [v.version, v.source, v.comment])).toEqual([
      [2, 'file', 'from bpmn/mandate-follow-up.bpmn (file changed)'],
      [1, 'file', 'from bpmn/mandate-follow-up.bpmn'],
    ]);
    expect((await versions('conditional-release'))[0]).toMatchObject({ version: 2, source: 'api' });
    expect(await newCaseRuns('conditional-release')).toEqual({ key: v2.key, version: 2 });
    const conflicts = await t!.as<Array<{ resourceName: string; serving: Version[] }>>(
      'analyst',
      'GET',
      '/api/models/conflicts',
    );
    expect(conflicts.body).toEqual([
      expect.objectContaining({
        resourceName: CR,
        serving: [expect.objectContaining({ version: 2, deployedBy: 'analyst' })],
      }),
    ]);
    const health = await t!.as<{ details: { models: { conflicts: Array<{ resourceName: string }> } } }>(
      'admin',
      'GET',
      '/health',
    );
    expect(health.body.details.models.conflicts.map((c) => c.resourceName)).toEqual([CR]);
    const fileXml = await fetch(`${t!.url}/api/models/conflicts/${CR}/xml`, {
      headers: { authorization: `Bearer ${t!.creds.analyst!.token}` },
    });
    expect(await fileXml.text()).toContain('Build the recipients');

    // still a conflict after another restart, until someone chooses
    await restart();
    expect((await t!.as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).body).toHaveLength(1);

    // keep the person's version: the conflict is settled and stays settled across restarts
    const keep = await t!.as('analyst', 'POST', `/api/models/conflicts/${CR}/resolution`, { choice: 'keep' });
    expect(keep.status).toBe(200);
    await restart();
    expect((await t!.as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).body).toEqual([]);
    expect(await newCaseRuns('conditional-release')).toEqual({ key: v2.key, version: 2 });

    // the file changes once more: a conflict again; this time the analyst takes the file's version
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('name="Build the recipients"', 'name="Build recipients now"'),
    );
    await restart();
    expect((await t!.as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).body).toHaveLength(1);
    const again = await t!.as<Problem>(
      'analyst',
      'POST',
      `/api/models/conflicts/mandate-follow-up.bpmn/resolution`,
      {
        choice: 'file',
      },
    );
    expect(again.status).toBe(409);
    const take = await t!.as<Array<{ version: number }>>(
      'analyst',
      'POST',
      `/api/models/conflicts/${CR}/resolution`,
      {
        choice: 'file',
      },
    );
    expect(take.body).toEqual([expect.objectContaining({ version: 3 })]);
    expect((await versions('conditional-release'))[0]).toMatchObject({
      version: 3,
      source: 'file',
      deployedBy: 'analyst',
    });
    expect((await newCaseRuns('conditional-release')).version).toBe(3);
    await restart();
    expect((await newCaseRuns('conditional-release')).version).toBe(3);
    expect((await t!.as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).body).toEqual([]);
    const audit = await t!.as<{ items: Array<{ action: string }> }>(
      'admin',
      'GET',
      `/api/audit?object=${CR}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'model.conflict.keep',
      'model.conflict.take_file',
    ]);
  });
});
