import * as crypto from 'node:crypto';

/** The fields of one audit entry that its hash covers (everything but the hashes themselves). */
export interface AuditFields {
  seq: number;
  at: string;
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification: string;
  outcome: string;
}

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chaining an entry to its predecessor: SHA-256 over the previous hash and the entry's
 * fields in a fixed order, so changing, removing or reordering any entry breaks every later hash.
 */
export function auditHash(prevHash: string, e: AuditFields): string {
  const body = JSON.stringify([
    e.seq,
    e.at,
    e.user,
    e.agencyId,
    e.action,
    e.object,
    e.justification,
    e.outcome,
  ]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** The outcome of checking a run of entries: where the chain breaks, if it does. */
export type ChainCheck = { ok: true; entries: number } | { ok: false; brokenAt: number; entries: number };

/** A chain checker fed entries in seq order, page by page (the log can be large). */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private broken: number | undefined;

  /** Feeds the next entry; stops checking once broken. */
  feed(entry: AuditFields & { prevHash: string; hash: string }): void {
    if (this.broken !== undefined) return;
    this.count++;
    if (
      entry.seq !== this.expectedSeq ||
      entry.prevHash !== this.prevHash ||
      auditHash(entry.prevHash, entry) !== entry.hash
    ) {
      this.broken = entry.seq;
      return;
    }
    this.prevHash = entry.hash;
    this.expectedSeq++;
  }

  result(): ChainCheck {
    return this.broken === undefined
      ? { ok: true, entries: this.count }
      : { ok: false, brokenAt: this.broken, entries: this.count };
  }
}
