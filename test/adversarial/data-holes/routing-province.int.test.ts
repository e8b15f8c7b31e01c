import * as fs from 'node:fs';
import * as path from 'node:path';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';
import { deployBehindThePlatform } from './engine-deploy';

const ROUTING = path.resolve(__dirname, '..', '..', '..', 'bpmn', 'routing');
const GENT = '44021';

// Issue 12, "A coordinator can rewrite another province's routing": the Hainaut coordinator PUT a
// table for BE-WHT that also declared `routing-BE-VOV`; it deployed, and East Flanders' cases went to
// a Hainaut zone. Re-sending East Flanders' table afterwards answered 201 and changed nothing.
describe('a routing table holds only its own province, and restoring one always takes effect', () => {
  jest.setTimeout(120_000);
  let a: AdversarialPlatform;
  const wht = fs.readFileSync(path.join(ROUTING, 'BE-WHT.dmn'), 'utf8');
  const vov = fs.readFileSync(path.join(ROUTING, 'BE-VOV.dmn'), 'utf8');

  /** WHT's routing decision, copied under another id and put inside WHT's own file. */
  function whtWithDecision(id: string, quote = '"'): string {
    const start = wht.indexOf('<decision id="routing-BE-WHT"');
    const end = wht.indexOf('</decision>', start) + '</decision>'.length;
    const copy = wht
      .slice(start, end)
      .replace('id="routing-BE-WHT"', `id=${quote}${id}${quote}`)
      .replace(/id="([^"]+)"/g, (m, inner: string) => (inner === id ? m : `id="${inner}-copy"`));
    return wht.replace('</definitions>', `${copy}\n</definitions>`);
  }

  const gentPolice = async () => {
    const res = await a.send('admin', {
      method: 'GET',
      path: `/api/routing/preview?nis=${GENT}&measure=conditional_release`,
    });
    expect(res.status).toBe(200);
    return (res.json as { policeZoneId: string | null }).policeZoneId;
  };

  beforeAll(async () => {
    a = await startAdversarialPlatform();
  });
  afterAll(async () => {
    await a?.close();
  });

  it('refuses a BE-WHT table that declares routing-BE-VOV, naming the id, and deploys nothing', async () => {
    const before = await gentPolice();
    expect(before).toMatch(/^PZ-/);
    const versions = a.query<{ n: number }>('SELECT count(*) AS n FROM routing_table_versions')[0]!.n;
    for (const [xml, named] of [
      [whtWithDecision('routing-BE-VOV'), 'routing-BE-VOV'],
      [whtWithDecision('routes-BE-VOV'), 'routes-BE-VOV'],
      [whtWithDecision('routing-BE-WHT--candidate'), 'routing-BE-WHT--candidate'],
    ] as const) {
      const res = await a.send('coord.hainaut', {
        method: 'PUT',
        path: '/api/routing/tables/BE-WHT',
        body: { xml, comment: 'take over Oost-Vlaanderen' },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ code: 'routing_table_foreign_decision' });
      expect((res.json as { detail: string }).detail).toContain(`"${named}"`);
    }
    // A form the check could misread (single quotes) is refused outright.
    const quoted = await a.send('coord.hainaut', {
      method: 'PUT',
      path: '/api/routing/tables/BE-WHT',
      body: { xml: whtWithDecision('routing-BE-VOV', "'") },
    });
    expect(quoted.status).toBe(422);
    expect((quoted.json as { detail: string }).detail).toContain('id="');
    expect(a.query<{ n: number }>('SELECT count(*) AS n FROM routing_table_versions')[0]!.n).toBe(versions);
    expect(await gentPolice()).toBe(before);
  });

  it('re-sending East Flanders’ table redeploys it over a routing-BE-VOV deployed from elsewhere', async () => {
    const before = await gentPolice();
    // The state the attack left: routing-BE-VOV's newest version came from another file.
    const hijack = vov.replace(/(<decision id="routes-BE-VOV"[\s\S]*?<\/decision>)/, (block) =>
      block.replace(new RegExp(`"${before}"`, 'g'), '"PZ-5322"'),
    );
    expect(hijack).not.toBe(vov);
    await deployBehindThePlatform(a.engine, 'routing/BE-WHT.dmn', hijack);
    expect(await gentPolice()).toBe('PZ-5322');

    const current = await a.send('coord.oost-vlaanderen', {
      method: 'GET',
      path: '/api/routing/tables/BE-VOV',
    });
    const restore = await a.send('coord.oost-vlaanderen', {
      method: 'PUT',
      path: '/api/routing/tables/BE-VOV',
      body: { xml: (current.json as { xml: string }).xml, comment: 'restore' },
    });
    expect(restore.status).toBe(201);
    expect(await gentPolice()).toBe(before);
  });
});
