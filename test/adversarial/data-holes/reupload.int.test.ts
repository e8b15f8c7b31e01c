import { cominesDecision, jsonUpload } from '../../../platform/src/__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import Database from 'better-sqlite3';
import * as path from 'node:path';

// Issue 12, "Re-upload leaks another parquet's decision": posting the exact body of another
// parquet's decision returned that decision in full (the idempotent "same content: 200"), with no
// audit entry. A reference another parquet owns is now 409 with nothing of the decision, audited.
describe('a reference owned by another parquet', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  const body = jsonUpload(cominesDecision('TAP-MONS-2026-004711'));

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 409 with no decision content to the exact copy and to a different body, audited as denied', async () => {
    const own = await t.as<{ id: string }>('clerk.mons', 'POST', '/api/decisions', body);
    expect(own.status).toBe(201);
    const changed = jsonUpload(cominesDecision('TAP-MONS-2026-004711', { court: 'Tribunal de Gand' }));
    for (const attempt of [body, changed]) {
      const res = await t.as<Record<string, unknown>>('clerk.gent', 'POST', '/api/decisions', attempt);
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'reference_conflict' });
      const text = JSON.stringify(res.body);
      for (const leak of [own.body.id, 'Dupont', '57097', 'person', 'PAR-MONS'])
        expect(text).not.toContain(leak);
    }
    const db = new Database(path.join(t.dataDir, 'platform.sqlite'), { readonly: true });
    try {
      expect(
        db
          .prepare(
            "SELECT user_name, outcome, object FROM audit_log WHERE action = 'decision.create' ORDER BY seq",
          )
          .all(),
      ).toEqual([
        { user_name: 'clerk.mons', outcome: 'ok', object: own.body.id },
        { user_name: 'clerk.gent', outcome: 'denied', object: own.body.id },
        { user_name: 'clerk.gent', outcome: 'denied', object: own.body.id },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    // The owner still gets the idempotent answer.
    const again = await t.as<{ id: string }>('clerk.mons', 'POST', '/api/decisions', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(own.body.id);
  });
});
