import type { Clock } from '../clock';
import { withRelaxedDurability, type Db } from '../store/database';
import {
  auditHash,
  ChainVerifier,
  GENESIS_HASH,
  type AuditFields,
  type AuditKeying,
  type ChainCheck,
} from './audit-hash';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../store/schema';

/** Who did what to which object, why, and how it ended. */
export interface AuditInput {
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification?: string;
  outcome: 'ok' | 'denied' | 'not_found' | 'failed';
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  user?: string;
  object?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Entries with seq below this one (newest first). */
  beforeSeq?: number;
}

/**
 * The append-only, hash-chained audit log (Law Enforcement Directive, Art. 25). Changes append their
 * entry inside their own transaction (`appendIn`), committed with it (fsync). Reads use `append`,
 * which groups the entries of concurrent requests into one commit with relaxed durability (see
 * `withRelaxedDurability`): the caller gets its answer once its entry is committed, safe from a
 * crash of the process, and on disk with the next change's commit, without an fsync per read.
 */
export class AuditLog {
  private queue: Array<{ input: AuditInput; resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private keying: AuditKeying | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Keys the chain from entry `keyedFrom` on (see AuditIntegrity); set once at start, before any entry. */
  keyWith(keying: AuditKeying): void {
    this.keying = keying;
  }

  /** The last entry's seq and hash (seq 0 and the genesis hash for an empty log). */
  async head(db: Db = this.db): Promise<{ seq: number; hash: string }> {
    const last = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The hash stored for one entry, or undefined when there is no such entry. */
  async hashAt(seq: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.hash;
  }

  /** Appends inside an open transaction: the entry commits (or not) with the change it records. */
  async appendIn(trx: Db, input: AuditInput): Promise<AuditEntry> {
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fields: AuditFields = {
      seq: (last ? Number(last.seq) : 0) + 1,
      at: this.clock.now().toISOString(),
      user: input.user,
      agencyId: input.agencyId,
      action: input.action,
      object: input.object,
      justification: input.justification ?? '',
      outcome: input.outcome,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, fields, this.keying);
    await trx
      .insertInto('audit_log')
      .values({
        seq: fields.seq,
        at: fields.at,
        user_name: fields.user,
        agency_id: fields.agencyId,
        action: fields.action,
        object: fields.object,
        justification: fields.justification,
        outcome: fields.outcome,
        prev_hash: prevHash,
        hash,
      })
      .execute();
    return { ...fields, prevHash, hash };
  }

  /** Appends on its own; resolves once the entry is committed (batched with concurrent ones). */
  append(input: AuditInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) this.flushing = this.flushSoon();
    });
  }

  /** Records that a list was shown: which objects (their ids, cut at 2,000 characters). */
  appendList(
    who: { user: string; agencyId: string },
    action: string,
    ids: string[],
    justification?: string,
  ): Promise<void> {
    const object = ids.length > 0 ? ids.join(',').slice(0, 2000) : '(none)';
    return this.append({
      user: who.user,
      agencyId: who.agencyId,
      action,
      object,
      justification,
      outcome: 'ok',
    });
  }

  /** Waits for queued entries to commit (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushSoon(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await withRelaxedDurability(this.db, async (trx) => {
          for (const item of batch) await this.appendIn(trx, item.input);
        });
        for (const item of batch) item.resolve();
      } catch (e) {
        for (const item of batch) item.reject(e);
      }
    }
    this.flushing = undefined;
  }

  /** Newest first, filtered; for the admin's audit view. */
  async query(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (q.user) query = query.where('user_name', '=', q.user);
    if (q.object) query = query.where('object', '=', q.object);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
    return rows.map(toEntry);
  }

  /**
   * Recomputes the chain (the whole of it, or from a verified `from` on); names the first entry that
   * does not match. `watch` collects the hashes of some entries on the way (`seen`), such as the
   * anchored head.
   */
  async verify(
    pageSize = 5000,
    options: { from?: { seq: number; hash: string }; watch?: number[] } = {},
  ): Promise<ChainCheck & { seen: Map<number, string> }> {
    const verifier = new ChainVerifier(this.keying, options.from, new Set(options.watch ?? []));
    let after = options.from?.seq ?? 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of rows) verifier.feed(toEntry(row));
      if (rows.length < pageSize) break;
      after = Number(rows[rows.length - 1]!.seq);
    }
    return { ...verifier.result(), seen: verifier.seen };
  }
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    user: row.user_name,
    agencyId: row.agency_id,
    action: row.action,
    object: row.object,
    justification: row.justification,
    outcome: row.outcome,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
