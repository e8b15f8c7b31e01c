import { Client } from 'pg';

// BENCH_PG_STATEMENTS=1 (run.ts): PostgreSQL's time by statement, from pg_stat_statements.

/** PostgreSQL's settings for BENCH_PG_STATEMENTS=1: every statement's time kept, planning included. */
export const STATEMENT_STATS = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_planning': 'on',
};

async function withClient<T>(url: string, use: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

/** Empties PostgreSQL's statement statistics (creating the extension the first time). */
export function resetStatements(url: string): Promise<void> {
  return withClient(url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
  });
}

/**
 * Prints the statements PostgreSQL spent most time on since `resetStatements` (the warm-up's reads
 * included): calls, how many times it was planned, planning and execution time a call (planning's
 * total over the calls: pg_stat_statements' own mean_plan_time is a mean over the plans), and the
 * share of the total.
 */
export function logStatements(url: string, log: (line: string) => void): Promise<void> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{
      calls: string;
      plans: string;
      plan: number;
      exec: number;
      total: number;
      toplevel: boolean;
      query: string;
    }>(
      `SELECT calls, plans, total_plan_time / GREATEST(calls, 1) AS plan, mean_exec_time AS exec,
              total_plan_time + total_exec_time AS total, toplevel, query
       FROM pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT 12`,
    );
    const all = rows.reduce((n, r) => n + (r.toplevel ? r.total : 0), 0);
    log('postgres statements by time (calls, plans; plan + exec a call, ms; share of the top-level total):');
    for (const r of rows)
      log(
        `  ${r.calls.padStart(7)} calls ${r.plans.padStart(7)} plans  plan ${r.plan.toFixed(3)}  exec ${r.exec.toFixed(3)}  ${r.toplevel ? `${((100 * r.total) / all).toFixed(1)} %` : '(nested)'}  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`,
      );
  });
}
