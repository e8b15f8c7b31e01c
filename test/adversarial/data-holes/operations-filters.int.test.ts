import { eventually } from '../../../platform/src/__fixtures__/engine-process';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';

const SECRET = 'Jan Peeters woont nu bij zijn zus';

// Issue 12, "Analysts read redacted values through search filters": the operations pass-through hid
// a report's text from analysts, but `{"value": {"$like": ...}}` still matched it, so a script read
// it character by character. Filters and sorts on values are refused for roles that may not read
// them, and every operations search is audited.
describe('operations searches cannot test variable values without access to personal data', () => {
  jest.setTimeout(120_000);
  let a: AdversarialPlatform;
  const search = (as: string, resource: string, body: object) =>
    a.send(as, { method: 'POST', path: `/api/operations/v2/${resource}/search`, body });

  beforeAll(async () => {
    a = await startAdversarialPlatform();
    const id = a.seed.policeMandateId;
    expect(
      (await a.send('agent.comines', { method: 'POST', path: `/api/mandates/${id}/acknowledge`, body: {} }))
        .status,
    ).toBe(200);
    const report = await a.send('agent.comines', {
      method: 'POST',
      path: `/api/mandates/${id}/report`,
      body: { outcome: 'address_not_verified', text: SECRET },
    });
    expect(report.status).toBe(200);
  });
  afterAll(async () => {
    await a?.close();
  });

  it('the oracle works for an admin, who may read the value anyway', async () => {
    const found = await eventually(
      async () => {
        const res = await search('admin', 'variables', {
          filter: { name: 'report', value: { $like: '*Peeters*' } },
        });
        const items = (res.json as { items?: unknown[] }).items ?? [];
        return items.length > 0 ? items : undefined;
      },
      30_000,
      'the report variable in the engine',
    );
    expect(JSON.stringify(found)).toContain('Peeters');
  });

  it.each([
    ['variables', { filter: { name: 'report', value: { $like: '*J*' } } }, 'filter.value'],
    ['variables', { filter: { name: 'report', value: { $eq: `"${SECRET}"` } } }, 'filter.value'],
    ['variables', { filter: { value: '"x"' } }, 'filter.value'],
    ['variables', { filter: { name: 'report' }, sort: [{ field: 'value', order: 'ASC' }] }, 'sort[0].field'],
    [
      'process-instances',
      { filter: { variables: [{ name: 'report', value: { $like: '*J*' } }] } },
      'filter.variables',
    ],
    ['variables', { filter: { $or: [{ name: 'x' }, { value: { $like: '*J*' } }] } }, 'filter.$or[1].value'],
  ])(
    'an analyst searching %s with %j gets 403 naming %s, audited as denied',
    async (resource, body, where) => {
      const before = a.query<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'operations.search' AND outcome = 'denied'",
      )[0]!.n;
      const res = await search('analyst', resource, body);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((res.json as { detail: string }).detail).toContain(`"${where}"`);
      expect((res.json as { detail: string }).detail).toContain('personal data');
      expect(JSON.stringify(res.json)).not.toContain('Peeters');
      const after = a.query<{ n: number; user_name: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'operations.search' AND outcome = 'denied' AND user_name = 'analyst'",
      )[0]!.n;
      expect(after).toBe(before + 1);
    },
  );

  it('an analyst still searches by name, with the value hidden, and the search is audited', async () => {
    const res = await search('analyst', 'variables', { filter: { name: 'report' } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).not.toContain('Peeters');
    const entry = a.query<{ object: string; outcome: string }>(
      "SELECT object, outcome FROM audit_log WHERE action = 'operations.search' AND user_name = 'analyst' ORDER BY seq DESC LIMIT 1",
    )[0]!;
    expect(entry.outcome).toBe('ok');
    expect(entry.object).toContain('variables/search');
    expect(entry.object).toContain('"report"');
  });
});
