import type { Clock } from '../clock';
import { UserError } from '../errors';
import { withRelaxedDurability, type Db } from '../store/database';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

/**
 * Slows password guessing: after 5 failed logins for a user name within 15 minutes, further attempts
 * for that name are refused (429) until the window passes. The failures are rows in the store, so
 * the limit holds across platform instances (several `iplus platform` on one PostgreSQL) and
 * restarts. They commit without waiting for the disk (a power cut may forget a few), and rows older
 * than the window are removed as new failures come, so guessing many names cannot fill the store.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Throws 429 when the name is locked out. */
  async check(user: string): Promise<void> {
    const recent = await this.db
      .selectFrom('login_failures')
      .select('at')
      .where('user_name', '=', user)
      .where('at', '>', this.since())
      .orderBy('at')
      .limit(MAX_FAILURES)
      .execute();
    if (recent.length >= MAX_FAILURES) {
      const wait = Math.ceil((Date.parse(recent[0]!.at) + WINDOW_MS - this.clock.now().getTime()) / 1000);
      throw new UserError(
        429,
        'too_many_attempts',
        'Too many failed logins',
        `too many failed logins for ${user}; try again in ${wait} s`,
      );
    }
  }

  async failed(user: string): Promise<void> {
    await withRelaxedDurability(this.db, async (trx) => {
      await trx.deleteFrom('login_failures').where('at', '<=', this.since()).execute();
      await trx
        .insertInto('login_failures')
        .values({ user_name: user, at: this.clock.now().toISOString() })
        .execute();
    });
  }

  async succeeded(user: string): Promise<void> {
    await withRelaxedDurability(this.db, (trx) =>
      trx.deleteFrom('login_failures').where('user_name', '=', user).execute(),
    );
  }

  private since(): string {
    return new Date(this.clock.now().getTime() - WINDOW_MS).toISOString();
  }
}
