import { sql } from 'kysely';
import { withRelaxedDurability, type Db } from '../store/database';

/** A key's failed logins: how many, and when the last one was (ms since the epoch). */
export interface Failures {
  count: number;
  last: number;
}

export interface FailureBounds {
  /** Failures older than this (counted from the key's last failure) are forgotten. */
  forgetAfterMs: number;
  /** Most keys kept; beyond it the least recently failed keys are dropped, never all of them. */
  maxTracked: number;
}

/**
 * The login throttle's counts, in the store (table `login_failures`), so every instance on the
 * database sees every instance's failures: an attacker spreading guesses over N instances gets the
 * budget of one, and a restart forgets nothing. A failure is one upsert (the count restarts at 1
 * when the previous failure is forgotten), then forgotten keys are removed and the table is kept to
 * `maxTracked` keys. Committed without waiting for the disk: a power cut may forget the last few
 * failures, a crash of the process does not.
 */
export class LoginFailures {
  constructor(
    private readonly db: Db,
    private readonly bounds: FailureBounds,
  ) {}

  /** The remembered failures of `keys` at `now` (forgotten ones are absent). */
  async read(keys: string[], now: number): Promise<Map<string, Failures>> {
    const rows = await this.db
      .selectFrom('login_failures')
      .select(['key', 'failures', 'last_failure_at'])
      .where('key', 'in', keys)
      .where('last_failure_at', '>=', this.forgetBefore(now))
      .execute();
    return new Map(rows.map((r) => [r.key, { count: r.failures, last: Date.parse(r.last_failure_at) }]));
  }

  /** Counts one more failure for each of `keys` at `now`. */
  async add(keys: string[], now: number): Promise<void> {
    const at = new Date(now).toISOString();
    const forgetBefore = this.forgetBefore(now);
    await withRelaxedDurability(this.db, async (trx) => {
      for (const key of keys) {
        await trx
          .insertInto('login_failures')
          .values({ key, failures: 1, last_failure_at: at })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              failures: sql<number>`CASE WHEN login_failures.last_failure_at < ${forgetBefore} THEN 1 ELSE login_failures.failures + 1 END`,
              last_failure_at: at,
            }),
          )
          .execute();
      }
      await trx.deleteFrom('login_failures').where('last_failure_at', '<', forgetBefore).execute();
      // The bound: the first key beyond `maxTracked` (newest first, then by key); it and older go.
      const beyond = await trx
        .selectFrom('login_failures')
        .select(['key', 'last_failure_at'])
        .orderBy('last_failure_at', 'desc')
        .orderBy('key', 'desc')
        .limit(1)
        .offset(this.bounds.maxTracked)
        .executeTakeFirst();
      if (beyond)
        await trx
          .deleteFrom('login_failures')
          .where((eb) =>
            eb.or([
              eb('last_failure_at', '<', beyond.last_failure_at),
              eb.and([eb('last_failure_at', '=', beyond.last_failure_at), eb('key', '<=', beyond.key)]),
            ]),
          )
          .execute();
    });
  }

  /** How many keys are remembered (for the bound's test). */
  async size(): Promise<number> {
    const { n } = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  private forgetBefore(now: number): string {
    return new Date(now - this.bounds.forgetAfterMs).toISOString();
  }
}
