import { sql, type Selectable } from 'kysely';
import type { Principal } from '../auth/roles';
import { uploadDecision } from '../decisions/upload-decision';
import { cominesDecision, monsClerk, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { mandateRow } from '../__fixtures__/mandate-row';
import { transact } from '../store/database';
import { QueryShapes } from '../store/query-shapes';
import type { MandatesTable } from '../store/schema';
import { inbox, type InboxQuery } from './mandate-queries';

type Row = Selectable<MandatesTable>;

const who: Record<string, Principal> = {
  zone: { user: 'agent', role: 'police_agent', agencyId: 'PZ-5318', language: 'fr', via: 'token' },
  coordinator: {
    user: 'coord',
    role: 'coordinator',
    agencyId: 'COORD-BE-WHT',
    province: 'BE-WHT',
    language: 'fr',
    via: 'token',
  },
  parquet: monsClerk,
  admin: { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' },
};

/** What the inbox must hold: the same filters written out over every row (mandate-queries.ts). */
function expected(rows: Row[], p: Principal, q: InboxQuery, now: string): string[] {
  return rows
    .filter((m) =>
      p.role === 'police_agent'
        ? m.recipient_id === p.agencyId
        : p.role === 'coordinator'
          ? m.province === p.province
          : p.role === 'parquet_clerk'
            ? m.parquet_id === p.agencyId
            : true,
    )
    .filter((m) => !q.status || m.status === q.status)
    .filter((m) => !q.kind || m.kind === q.kind)
    .filter((m) => {
      const overdue = m.overdue === 1 || (m.status === 'issued' && m.deadline <= now);
      return q.overdue === undefined || q.overdue === overdue;
    })
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1))
    .map((m) => m.id);
}

// The inbox's one query is compiled once per shape (store/query-shapes.ts): every owner, filter and
// page must still select what the filters say.
describe(`the inbox's filters and pages, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-inbox-query-');

  it('selects, for every owner, filter and cursor, what the filters say, page after page', async () => {
    const up = await uploadDecision(t.ctx, monsClerk, {
      decision: cominesDecision('TAP-MONS-2026-INBOX-1'),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    const now = t.ctx.clock.now().toISOString();
    const statuses = ['issued', 'acknowledged', 'reported'];
    const places = [
      { recipient_id: 'PZ-5318', province: 'BE-WHT', parquet_id: 'PAR-MONS-TOURNAI' },
      { recipient_id: 'JH-TOURNAI', province: 'BE-WHT', parquet_id: 'PAR-MONS-TOURNAI' },
      { recipient_id: 'PZ-5339', province: 'BE-WHT', parquet_id: 'PAR-HAINAUT-CHARLEROI' },
      { recipient_id: 'PZ-5415', province: 'BE-VOV', parquet_id: 'PAR-OOST-VLAANDEREN' },
    ];
    await transact(t.store.db, async (trx) => {
      for (let i = 0; i < 48; i++)
        await trx
          .insertInto('mandates')
          .values(
            mandateRow(`M-${String(i).padStart(3, '0')}-INBOX`, up.decision.id, {
              ...places[i % places.length]!,
              kind: i % 3 === 0 ? 'guidance' : 'police_check',
              status: statuses[i % statuses.length]!,
              overdue: i % 7 === 0 ? 1 : 0,
              // around the clock's now, some sharing a deadline (the cursor's tie on id)
              deadline: new Date(Date.parse(now) + (Math.floor(i / 2) - 12) * 3_600_000).toISOString(),
            }),
          )
          .execute();
    });
    const rows = (await t.store.db.selectFrom('mandates').selectAll().execute()) as Row[];
    let checked = 0;
    for (const p of Object.values(who))
      for (const status of [undefined, 'issued', 'acknowledged'])
        for (const kind of [undefined, 'guidance'])
          for (const overdue of [undefined, true, false]) {
            const q = { status, kind, overdue, limit: 5 };
            const want = expected(rows, p, q, now);
            const got: string[] = [];
            let cursor: string | undefined;
            for (let page = 0; page < 20; page++) {
              const res = await inbox(t.ctx, p, { ...q, ...(cursor ? { cursor } : {}) });
              expect(res.items.length).toBeLessThanOrEqual(5);
              got.push(...res.items.map((m) => m.id));
              for (const m of res.items) {
                const row = rows.find((r) => r.id === m.id)!;
                expect(m.overdue).toBe(row.overdue === 1 || (row.status === 'issued' && row.deadline <= now));
              }
              if (!res.nextCursor) break;
              cursor = res.nextCursor;
            }
            expect({ p: p.user, q, ids: got }).toEqual({ p: p.user, q, ids: want });
            checked += want.length;
          }
    // the filters did select something, not only empty pages
    expect(checked).toBeGreaterThan(400);
  });

  it('compiles a shape once for the store, its connections and its transactions', async () => {
    let builds = 0;
    const shapes = new QueryShapes((db, _shape: null, v: { id: string }) => {
      builds++;
      return db.selectFrom('mandates').select('id').where('id', '=', v.id);
    });
    expect(await shapes.execute(t.store.db, null, { id: 'M-1' })).toEqual([]);
    for (let i = 0; i < 2; i++)
      await transact(t.store.db, async (trx) => {
        expect(await shapes.execute(trx, null, { id: `M-${i}` })).toEqual([]);
      });
    expect(builds).toBe(1);
  });

  it('refuses a query shape that writes a value into the SQL text instead of a parameter', async () => {
    const shapes = new QueryShapes((db, _shape: object, v: { id: string }) =>
      db
        .selectFrom('mandates')
        .select('id')
        .where(sql<boolean>`id = ${sql.lit(v.id)}`),
    );
    await expect(shapes.execute(t.store.db, {}, { id: 'M-1' })).rejects.toThrow(
      /a value was written into the SQL text/,
    );
  });
});
