import * as fs from 'node:fs';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { Client, types } from 'pg';

/** Counts and sums as numbers, as the platform reads them (postgres-store.ts does the same). */
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A PostgreSQL value as SQLite stores the same column (text, integer, real or blob). */
function sqliteValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v) || typeof v === 'string' || typeof v === 'number') return v;
  return JSON.stringify(v);
}

/**
 * Copies the platform's whole PostgreSQL database into the layout of a one-machine data folder, so
 * the chaos run's invariants (store-invariants.ts, written for SQLite) check it unchanged: every
 * table into `<dir>/platform/platform.sqlite` (same table and column names; the migrations make
 * the same columns on both), every row of `documents` into `<dir>/platform/documents/<xx>/<sha>.pdf`
 * (where the SQLite store keeps them), and `<dir>/engine` pointing at the engine's own folder.
 * Taken once the work has drained (nothing writes meanwhile); one read-only transaction, so the
 * tables are copied as of one moment.
 */
export async function snapshotPostgres(databaseUrl: string, engineDir: string, dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'platform', 'documents'), { recursive: true });
  if (!fs.existsSync(path.join(dir, 'engine'))) fs.symlinkSync(engineDir, path.join(dir, 'engine'));
  const file = path.join(dir, 'platform', 'platform.sqlite');
  fs.rmSync(file, { force: true });
  const target = new SQLite(file);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    await pg.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await pg.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    for (const { name } of tables.rows) {
      const { rows, fields } = await pg.query<Record<string, unknown>>(`SELECT * FROM ${quote(name)}`);
      if (name === 'documents') {
        for (const r of rows) {
          const sha = r.sha256 as string;
          fs.mkdirSync(path.join(dir, 'platform', 'documents', sha.slice(0, 2)), { recursive: true });
          fs.writeFileSync(
            path.join(dir, 'platform', 'documents', sha.slice(0, 2), `${sha}.pdf`),
            r.bytes as Buffer,
          );
        }
        continue;
      }
      const columns = fields.map((f) => f.name);
      target.exec(`CREATE TABLE ${quote(name)} (${columns.map(quote).join(', ')})`);
      const insert = target.prepare(
        `INSERT INTO ${quote(name)} VALUES (${columns.map(() => '?').join(', ')})`,
      );
      target.transaction(() => {
        for (const r of rows) insert.run(columns.map((c) => sqliteValue(r[c])));
      })();
    }
    await pg.query('COMMIT');
  } finally {
    await pg.end();
    target.close();
  }
}

/** Outbox items not yet carried out, in the shared database (what the drain waits for). */
export async function pendingOutbox(databaseUrl: string): Promise<number> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ n: number }>(
      'SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND given_up_at IS NULL',
    );
    return rows[0]!.n;
  } finally {
    await pg.end();
  }
}

/** The cases the retention purge erased, in the shared database (the drain does not wait for them). */
export async function erasedOnPostgres(databaseUrl: string): Promise<Set<string>> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ decision_id: string }>('SELECT decision_id FROM erasures');
    return new Set(rows.map((r) => r.decision_id));
  } finally {
    await pg.end();
  }
}
