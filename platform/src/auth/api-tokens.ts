import * as crypto from 'node:crypto';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Db } from '../store/database';
import { randomSecret, sameHash, secretHash } from './secrets';

export interface ApiTokenInfo {
  id: string;
  user: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

const TOKEN = /^iplus_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * API bearer tokens (what the n8n credential holds): `iplus_<id>_<secret>`. Only the secret's hash is
 * stored; a token can expire and be revoked.
 */
export class ApiTokens {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Issues a token for a user; the token text is returned once and never stored. An expiry that is
   * not after now is refused (422): such a token could never be used.
   */
  async issue(
    user: string,
    label: string,
    expiresAt: string | null = null,
  ): Promise<{ token: string; info: ApiTokenInfo }> {
    const now = this.clock.now();
    if (expiresAt !== null && !(Date.parse(expiresAt) > now.getTime())) {
      throw new UserError({
        status: 422,
        code: 'token_already_expired',
        title: 'Token would be expired',
        detail: `expiresAt ${expiresAt} is not after the current time ${now.toISOString()}; give a future time or leave it out`,
        errors: [{ field: 'expiresAt', code: 'not_in_future', message: 'must be later than now' }],
      });
    }
    if (expiresAt !== null) expiresAt = new Date(expiresAt).toISOString();
    const id = crypto.randomBytes(8).toString('hex');
    const secret = randomSecret(32);
    const createdAt = now.toISOString();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        user_name: user,
        secret_hash: secretHash(secret),
        label,
        created_at: createdAt,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    return {
      token: `iplus_${id}_${secret}`,
      info: { id, user, label, createdAt, expiresAt, revokedAt: null },
    };
  }

  /**
   * Gives every live token of these users with this label and no expiry (or a later one) an expiry
   * `ttlMs` after its creation: demo tokens seeded before they expired by themselves. Returns how
   * many changed.
   */
  async limitLifetime(users: string[], label: string, ttlMs: number): Promise<number> {
    if (users.length === 0) return 0;
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'created_at', 'expires_at'])
      .where('user_name', 'in', users)
      .where('label', '=', label)
      .where('revoked_at', 'is', null)
      .execute();
    let changed = 0;
    for (const r of rows) {
      const limit = new Date(Date.parse(r.created_at) + ttlMs).toISOString();
      if (r.expires_at !== null && r.expires_at <= limit) continue;
      await this.db.updateTable('api_tokens').set({ expires_at: limit }).where('id', '=', r.id).execute();
      changed++;
    }
    return changed;
  }

  /** The user a token belongs to, when it is well-formed, known, unrevoked and unexpired. */
  async check(token: string): Promise<{ id: string; user: string; expiresAt: string | null } | undefined> {
    const m = TOKEN.exec(token);
    if (!m) return undefined;
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', m[1]!).executeTakeFirst();
    if (!row || row.revoked_at) return undefined;
    if (row.expires_at && row.expires_at <= this.clock.now().toISOString()) return undefined;
    return sameHash(row.secret_hash, secretHash(m[2]!))
      ? { id: row.id, user: row.user_name, expiresAt: row.expires_at }
      : undefined;
  }

  /** The id part of a token text, for cache keys; undefined when malformed. */
  static idOf(token: string): string | undefined {
    return TOKEN.exec(token)?.[1];
  }

  /** Lists a user's tokens (never their secrets). */
  async list(user: string): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_name', '=', user)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      user: r.user_name,
      label: r.label,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a token; true when it existed, belonged to `user` (unless `anyUser`) and was live. */
  async revoke(id: string, user: string, anyUser = false): Promise<boolean> {
    let q = this.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null);
    if (!anyUser) q = q.where('user_name', '=', user);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
