import Database from 'better-sqlite3';
import * as path from 'node:path';
import { cominesDecision, samplePdf } from '../../../platform/src/__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { multipart, rawRequest } from '../support/adversarial-platform';

// Issue 12, "A non-Latin file name breaks the document": a PDF uploaded as `Beslissing Şahin.pdf`
// gave 500 on every download (a header value must be Latin-1), while the audit logged each as ok.
describe('document file names outside Latin-1', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['Beslissing Şahin.pdf', 'Beslissing Sahin.pdf', "UTF-8''Beslissing%20%C5%9Eahin.pdf"],
    [
      'Решение Петров.pdf',
      '_______ ______.pdf',
      "UTF-8''%D0%A0%D0%B5%D1%88%D0%B5%D0%BD%D0%B8%D0%B5%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2.pdf",
    ],
    ["Zoë's (copie).pdf", 'Zoe_s _copie_.pdf', "UTF-8''Zo%C3%AB_s%20_copie_.pdf"],
  ])('%s downloads with filename* and an ASCII fallback, audited ok', async (name, fallback, encoded) => {
    const reference = `TAP-MONS-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`;
    const form = multipart([
      { name: 'decision', value: JSON.stringify(cominesDecision(reference)) },
      { name: 'document', value: samplePdf(name), fileName: name, type: 'application/pdf' },
    ]);
    const auth = { authorization: `Bearer ${t.creds['clerk.mons']!.token}` };
    const up = await rawRequest(t.url, 'POST', '/api/decisions', { ...auth, ...form.headers }, form.body);
    expect(`${up.status} ${up.text.slice(0, 300)}`).toMatch(/^201 /);
    const id = (JSON.parse(up.text) as { id: string }).id;

    const res = await fetch(`${t.url}/api/decisions/${id}/document`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${fallback}"; filename*=${encoded}`,
    );
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const db = new Database(path.join(t.dataDir, 'platform.sqlite'), { readonly: true });
    try {
      expect(
        db.prepare("SELECT outcome FROM audit_log WHERE action = 'decision.document' AND object = ?").all(id),
      ).toEqual([{ outcome: 'ok' }]);
    } finally {
      db.close();
    }
  });
});
