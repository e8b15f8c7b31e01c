import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEngineProcess, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';
import { testDatabase, testPostgres } from '../__fixtures__/test-store';
import { openPlatformStore } from '../store/open-store';

interface Draft {
  id: string;
  status: string;
  deployedVersion: number | null;
  formFiles: string[];
  reviewedBy: string | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string }>;
}
interface Version {
  bpmnProcessId: string;
  version: number;
  approvedBy: string | null;
}

const FIXTURES = path.resolve(__dirname, '..', 'tasks', '__fixtures__');
const xml = fs.readFileSync(path.join(FIXTURES, 'case-review.bpmn'), 'utf8');
const form = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'case-review.form'), 'utf8')) as Record<
  string,
  unknown
>;

// Issue 18, both halves joined: the forms of a model's user tasks go live through the four-eyes
// review with it — stored with the draft, shown to the reviewer, deployed before the model on
// approval — and an approval cut short by a crash is finished at the next start.
describe('forms through review', () => {
  jest.setTimeout(240_000);
  let engine: EngineProcess;
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
  };

  beforeAll(async () => {
    engine = await startEngineProcess();
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-draft-forms-models-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-draft-forms-data-'));
    databaseUrl = testDatabase === 'postgres' ? await (await testPostgres()).createDatabase() : undefined;
    await start();
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
    fs.rmSync(modelsDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a draft keeps its forms, cannot be submitted without them, and its approval deploys them before the model', async () => {
    const draft = await t!.as<Draft>('analyst', 'POST', '/api/models/drafts', {
      fileName: 'case-review.bpmn',
      xml,
      comment: 'a coordinator reviews the case',
    });
    expect(draft.status).toBe(201);
    expect(draft.body.formFiles).toEqual([]);
    const missing = await t!.as<Problem>('analyst', 'POST', `/api/models/drafts/${draft.body.id}/submit`);
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('form_missing');
    expect(missing.body.detail).toContain('case-review');

    const wrongId = await t!.as<Draft>('analyst', 'PUT', `/api/models/drafts/${draft.body.id}`, {
      xml,
      forms: [{ fileName: 'case-review.form', schema: { ...form, id: 'other' } }],
    });
    expect(wrongId.status).toBe(200);
    const mismatch = await t!.as<Problem>('analyst', 'POST', `/api/models/drafts/${draft.body.id}/submit`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]).toMatchObject({ code: 'form_id_mismatch' });

    const withForm = await t!.as<Draft>('analyst', 'PUT', `/api/models/drafts/${draft.body.id}`, {
      xml,
      comment: 'a coordinator reviews the case',
      forms: [{ fileName: 'case-review.form', schema: form }],
    });
    expect(withForm.body.formFiles).toEqual(['case-review.form']);
    const shown = await t!.as<Draft & { forms: Array<{ fileName: string; schema: { id: string } }> }>(
      'admin',
      'GET',
      `/api/models/drafts/${draft.body.id}`,
    );
    expect(shown.body.forms).toEqual([{ fileName: 'case-review.form', schema: form }]);
    expect((await t!.as('admin', 'GET', '/api/forms/case-review')).status).toBe(404);

    expect(
      (await t!.as<Draft>('analyst', 'POST', `/api/models/drafts/${draft.body.id}/submit`)).body.status,
    ).toBe('submitted');
    const approved = await t!.as<Draft>('admin', 'POST', `/api/models/drafts/${draft.body.id}/approve`, {
      comment: 'fine',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', deployedVersion: 1 });
    const deployedForm = await t!.as<{ version: number; schema: { id: string } }>(
      'analyst',
      'GET',
      '/api/forms/case-review',
    );
    expect(deployedForm.status).toBe(200);
    expect(deployedForm.body.schema.id).toBe('case-review');
    const history = await t!.as<Version[]>('analyst', 'GET', '/api/models');
    expect(history.body.filter((v) => v.bpmnProcessId === 'case-review')).toEqual([
      expect.objectContaining({ version: 1, approvedBy: 'admin' }),
    ]);
  });

  it('an approval cut short by a crash (left deploying) is finished at the next start', async () => {
    const changed = xml.replace('name="Review the case"', 'name="Review the case again"');
    const draft = await t!.as<Draft>('analyst', 'POST', '/api/models/drafts', {
      fileName: 'case-review.bpmn',
      xml: changed,
      baseVersion: 1,
      forms: [{ fileName: 'case-review.form', schema: { ...form, components: [] } }],
    });
    await t!.as('analyst', 'POST', `/api/models/drafts/${draft.body.id}/submit`);
    await t!.close();
    // the approval claimed the draft, then the process died before the engine answered
    const store = await openPlatformStore({ dataDir, databaseUrl });
    await store.db
      .updateTable('model_drafts')
      .set({ status: 'deploying', reviewed_by: 'admin', reviewed_at: new Date().toISOString() })
      .where('id', '=', draft.body.id)
      .execute();
    await store.close();

    await start();
    const after = await t!.as<Draft>('analyst', 'GET', `/api/models/drafts/${draft.body.id}`);
    expect(after.body).toMatchObject({ status: 'approved', deployedVersion: 2, reviewedBy: 'admin' });
    const history = await t!.as<Version[]>('analyst', 'GET', '/api/models');
    expect(history.body.filter((v) => v.bpmnProcessId === 'case-review')[0]).toMatchObject({
      version: 2,
      approvedBy: 'admin',
    });
    const newestForm = await t!.as<{ version: number }>('analyst', 'GET', '/api/forms/case-review');
    expect(newestForm.body.version).toBe(2);
    const audit = await t!.as<{ items: Array<{ action: string }> }>(
      'admin',
      'GET',
      `/api/audit?object=${draft.body.id}`,
    );
    expect(audit.body.items.map((e) => e.action)).toContain('model.draft.approve');
  });
});
