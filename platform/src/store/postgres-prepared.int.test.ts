import { sql } from 'kysely';
import { Client } from 'pg';
import { testPostgres } from '../__fixtures__/test-store';
import type { OpenedStore } from './database';
import { openPostgresStore } from './postgres-store';
import { MAX_NAMED } from './postgres-prepared';

/** The names and texts of the statements prepared on the connection `run` runs on (after it). */
async function preparedAfter(
  store: OpenedStore,
  run: (conn: OpenedStore['db']) => Promise<unknown>,
): Promise<Array<{ name: string; statement: string }>> {
  return store.db.connection().execute(async (conn) => {
    await run(conn);
    const { rows } = await sql<{ name: string; statement: string }>`
      SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(conn);
    return rows;
  });
}

// PostgreSQL only (the int project runs it once; SQLite has no such statements).
describe('prepared statements on PostgreSQL', () => {
  jest.setTimeout(60_000);
  let url: string;
  let store: OpenedStore;
  beforeAll(async () => {
    url = await (await testPostgres()).createDatabase();
    store = await openPostgresStore({ url });
  });
  afterAll(() => store.close());

  it('prepares a statement with parameters once per connection, and runs it again by name', async () => {
    const prepared = await preparedAfter(store, async (conn) => {
      for (const id of ['D-1', 'D-2', 'D-3'])
        await conn.selectFrom('decisions').select('id').where('id', '=', id).execute();
    });
    const mine = prepared.filter((p) => p.statement.includes('from "decisions" where "id" = $1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^iplus_\d+_0$/);
  });

  it('keeps none of the migrations and sends a statement without parameters as it is', async () => {
    const prepared = await preparedAfter(store, (conn) => sql`SELECT count(*) FROM mandates`.execute(conn));
    expect(prepared.map((p) => p.statement).join('\n')).not.toMatch(
      /count\(\*\) FROM mandates|kysely_migration/,
    );
  });

  it('prepares anew on the next statement after another instance changed the columns of a prepared SELECT *', async () => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('CREATE TABLE scratch_columns (id text PRIMARY KEY, a text)');
      await admin.query(`INSERT INTO scratch_columns VALUES ('x', 'first')`);
      const read = (conn: OpenedStore['db']) =>
        sql<Record<string, unknown>>`SELECT * FROM scratch_columns WHERE id = ${'x'}`.execute(conn);
      const outcome = await store.db.connection().execute(async (conn) => {
        expect((await read(conn)).rows).toEqual([{ id: 'x', a: 'first' }]);
        await admin.query(`ALTER TABLE scratch_columns ADD COLUMN b text DEFAULT 'added'`);
        // PostgreSQL refuses the plan it prepared for the old columns (SQLSTATE 0A000) ...
        const stale = await read(conn).then(
          () => undefined,
          (e: { code?: string }) => e.code,
        );
        // ... and the connection prepares the statement again for the new ones.
        return { stale, after: (await read(conn)).rows };
      });
      expect(outcome).toEqual({ stale: '0A000', after: [{ id: 'x', a: 'first', b: 'added' }] });
    } finally {
      await admin.end();
    }
  });

  it(`prepares at most ${MAX_NAMED} statements; further texts run unnamed`, async () => {
    // A store of its own: the names are the store's.
    const own = await openPostgresStore({ url });
    const prepared = await preparedAfter(own, async (conn) => {
      for (let i = 0; i < MAX_NAMED + 20; i++) {
        const rows = await sql<{ n: number }>`SELECT ${i}::int + ${sql.lit(i)} AS n`.execute(conn);
        expect(rows.rows[0]!.n).toBe(2 * i);
      }
    });
    await own.close();
    expect(prepared.length).toBe(MAX_NAMED);
  });
});
