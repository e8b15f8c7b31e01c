import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { randomSecret, secretHash } from './secrets';

/** How long a web session lasts after login. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Session {
  userName: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Web sessions: the cookie carries a random id; the store keeps only its hash, the user, a CSRF token
 * and the expiry.
 */
export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Opens a session; returns the cookie value (shown once) and the CSRF token. */
  async open(userName: string): Promise<{ cookie: string; session: Session }> {
    const cookie = randomSecret();
    const now = this.clock.now();
    const session = {
      userName,
      csrfToken: randomSecret(24),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    };
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: secretHash(cookie),
        user_name: userName,
        csrf_token: session.csrfToken,
        created_at: now.toISOString(),
        expires_at: session.expiresAt,
      })
      .execute();
    return { cookie, session };
  }

  /** The live session behind a cookie value, or undefined (unknown or expired). */
  async find(cookie: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', secretHash(cookie))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.clock.now().toISOString()) return undefined;
    return { userName: row.user_name, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** Ends a session (logout). */
  async close(cookie: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', secretHash(cookie)).execute();
  }

  /** Ends every session of a user (an admin's action, a disable or a password reset); returns how many. */
  async closeAllOf(userName: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_name', '=', userName).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Removes expired sessions. */
  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.clock.now().toISOString()).execute();
  }
}
