import { Client } from 'pg';

/**
 * Prepared statements on PostgreSQL: each connection parses and plans a statement the first time it
 * runs it, under a name, and afterwards sends only its parameters (Bind and Execute). Without a
 * name PostgreSQL parses, analyses and plans every statement anew, which was a quarter of its CPU a
 * decision in bench:platform (bench/RESULTS.md, 2026-12-07).
 *
 * Which statements: those with parameters (every query Kysely builds from values). A statement
 * without parameters is sent as a simple query, as before: `BEGIN; SET LOCAL …` holds several
 * statements, which a prepared statement cannot. The names are shared by the store's connections
 * (the same text, the same name) and capped at MAX_NAMED: a text built with a varying number of
 * values (an `IN` list) takes a name of its own, and past the cap new texts run unnamed, so a
 * connection never holds more than MAX_NAMED plans.
 *
 * A schema change by another instance (a newer version's migration in a rolling upgrade) can make
 * a prepared `SELECT *` return other columns, which PostgreSQL refuses ("cached plan must not
 * change result type", SQLSTATE 0A000) rather than re-plan. That statement fails (its transaction
 * rolls back; a job is retried, a request answered 500); the connection then prepares its
 * statements again under new names, so the next ones run on the new schema (the old plans stay on
 * the connection until it closes: a connection holds at most MAX_NAMED plans a schema change).
 *
 * Returns the pg `Client` class for a store's pools (`new Pool({ Client })`), and the switch the
 * store turns on once its migrations have run.
 */
export function preparingClient(): { Client: typeof Client; prepareFromNow: () => void } {
  // Off until the store's migrations have run, so that a migration's statements, run once, are not
  // kept (and none is prepared on a table a later migration changes).
  let enabled = false;
  // The same text, the same name, on each of the store's connections.
  const names = new Map<string, number>();
  /** The statement's name index; undefined past MAX_NAMED. */
  const nameOf = (text: string): number | undefined => {
    let index = names.get(text);
    if (index === undefined && names.size < MAX_NAMED) names.set(text, (index = names.size));
    return index;
  };
  class PreparingClient extends Client {
    /** Bumped when this connection's prepared plans are stale: the next statements prepare anew. */
    private generation = 0;

    // pg's overloads (callback, config object, submittable) are passed through untouched; only a
    // statement given as text with parameters and no callback, the way Kysely sends them, is named.
    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      const passOn = () => (super.query as (...a: unknown[]) => never)(...args);
      if (!enabled || typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback)
        return passOn();
      const index = nameOf(text);
      if (index === undefined) return passOn();
      const run = super.query({
        text,
        values,
        name: `iplus_${index}_${this.generation}`,
      }) as Promise<unknown>;
      return run.catch((e: unknown) => {
        if (stalePlan(e)) this.generation++;
        throw e;
      }) as never;
    }
  }
  return { Client: PreparingClient, prepareFromNow: () => (enabled = true) };
}

/** At most this many statements are prepared (per connection, and names in the process). */
export const MAX_NAMED = 1000;

/** PostgreSQL's refusal to run a prepared statement whose result's columns changed. */
function stalePlan(e: unknown): boolean {
  const pg = e as { code?: string; message?: string };
  return pg.code === '0A000' && /cached plan must not change result type/.test(pg.message ?? '');
}
