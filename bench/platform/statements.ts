/**
 * npm run bench:statements — the work PostgreSQL does for one decision: decisions are uploaded one
 * at a time (BENCH_DECISIONS, default 30, after 5 to warm up), each waited for until both its
 * mandates are issued, with `iplus engine` + `iplus platform` on an embedded PostgreSQL that counts
 * statements (pg_stat_statements, top-level and nested). Prints each statement's calls per decision
 * and the totals. Unlike latency, these counts do not depend on how busy the machine is, so two
 * trees compare exactly (bench/RESULTS.md).
 *
 * Statements sent are those the platform sends (a simple query of several, such as `BEGIN; SET LOCAL
 * …`, counts each); nested ones run inside them (foreign keys' checks, a function's queries).
 *
 * Last lines: `per inbox look: …` and `per decision: <S> statements sent (and <N> nested), <T>
 * transactions, <W> WAL flushes, <L> writers' locks`.
 */
import { Client } from 'pg';
import { decision, startIplus, upload } from '../../test/e2e/platform/iplus-process';
import { startPostgres } from '../../platform/src/__fixtures__/embedded-postgres';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 30);
const WARMUP = 5;
const LOOKS = 200;
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Counted {
  calls: number;
  query: string;
  /** False for a statement run inside another: a foreign key's check, a function's queries. */
  toplevel: boolean;
}

/** Prints each statement's calls per unit and returns the totals' line. */
function report(counted: Counted[], units: number): string {
  const per = (n: number) => (n / units).toFixed(2);
  for (const r of counted)
    log(
      `${per(r.calls).padStart(6)}  ${r.toplevel ? '' : '(nested) '}${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
    );
  const sum = (match: RegExp) => counted.filter((r) => match.test(r.query)).reduce((n, r) => n + r.calls, 0);
  const total = counted.reduce((n, r) => n + r.calls, 0);
  const transactions = sum(/^(BEGIN|start transaction)/i);
  const nested = counted.filter((r) => !r.toplevel).reduce((n, r) => n + r.calls, 0);
  return (
    `${per(total - nested)} statements sent (and ${per(nested)} nested), ${per(transactions)} transactions, ` +
    `${per(sum(/pg_logical_emit_message/))} WAL flushes, ${per(sum(/pg_advisory_xact_lock/))} writers' locks`
  );
}

async function main(): Promise<void> {
  const pg = await startPostgres({
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'all',
  });
  const url = await pg.createDatabase();
  const iplus = await startIplus({ split: true, env: { IPLUS_DATABASE_URL: url } });
  const watch = new Client({ connectionString: url });
  await watch.connect();
  try {
    await watch.query('CREATE EXTENSION pg_stat_statements');
    const issued = async (id: string) =>
      Number(
        (
          await watch.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM mandates WHERE decision_id = $1 AND status = 'issued'`,
            [id],
          )
        ).rows[0]!.n,
      );
    const one = async (i: number) => {
      const res = await iplus.as<{ id: string }>(
        'clerk.mons',
        'POST',
        '/api/decisions',
        upload(decision(`BENCH-STATEMENTS-${process.pid}-${i}`)),
      );
      if (res.status !== 201) throw new Error(`upload answered ${res.status}`);
      while ((await issued(res.body.id)) < 2) await sleep(20);
    };
    for (let i = 0; i < WARMUP; i++) await one(i);
    await sleep(2000); // the jobs' completions and the outbox's bookkeeping of the warm-up
    await watch.query('SELECT pg_stat_statements_reset()');
    for (let i = 0; i < DECISIONS; i++) {
      await one(WARMUP + i);
      await sleep(100);
    }
    await sleep(2000);
    const counts = async () => {
      const { rows } = await watch.query<Counted>(
        `SELECT calls::int AS calls, query, toplevel FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY calls DESC, query`,
      );
      // The benchmark's own statements (this watcher) are left out.
      return rows.filter(
        (r) => !/pg_stat_statements|FROM mandates WHERE decision_id = \$1 AND status/.test(r.query),
      );
    };
    const counted = await counts();
    const decisions = report(counted, DECISIONS);
    // The same for a look at an inbox as bench:platform's watchers make it (one agent's first page).
    await watch.query('SELECT pg_stat_statements_reset()');
    for (let i = 0; i < LOOKS; i++) {
      const res = await iplus.as('agent.comines', 'GET', '/api/mandates?limit=500');
      if (res.status !== 200) throw new Error(`inbox answered ${res.status}`);
    }
    await sleep(2000);
    log(`--- per inbox look (${LOOKS} looks)`);
    const looks = report(await counts(), LOOKS);
    log(`per inbox look: ${looks}`);
    log(`per decision: ${decisions}`);
  } finally {
    await watch.end();
    await iplus.stop('SIGTERM');
    await pg.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
