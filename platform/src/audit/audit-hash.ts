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

/** Action of the entry where a log written before keying goes on keyed (the first keyed entry). */
export const KEYED_MARKER = 'audit.keyed';

/**
 * How the chain is keyed: from entry `keyedFrom` on, each hash is an HMAC-SHA-256 under a key that
 * is not in the database, so whoever can write the database cannot recompute the chain after
 * changing or removing an entry. Entries before `keyedFrom` (a log from before keying) keep their
 * plain SHA-256 links; the first keyed entry covers the last of them.
 */
export interface AuditKeying {
  key: Buffer;
  keyedFrom: number;
}

/**
 * The hash chaining an entry to its predecessor, over the previous hash and the entry's fields in a
 * fixed order, so changing, removing or reordering any entry breaks every later hash: an HMAC under
 * the key from `keyedFrom` on, a plain SHA-256 before (and without a key).
 */
export function auditHash(prevHash: string, e: AuditFields, keying?: AuditKeying): string {
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
  const h =
    keying && e.seq >= keying.keyedFrom
      ? crypto.createHmac('sha256', keying.key)
      : crypto.createHash('sha256');
  return h.update(prevHash).update('\n').update(body).digest('hex');
}

/** The outcome of checking a run of entries: where the chain breaks, if it does, and its head. */
export type ChainCheck =
  | { ok: true; entries: number; head: { seq: number; hash: string } }
  | { ok: false; brokenAt: number; entries: number; reason: string; head: { seq: number; hash: string } };

/** A chain checker fed entries in seq order, page by page (the log can be large). */
export class ChainVerifier {
  private prevHash: string;
  private expectedSeq: number;
  private count = 0;
  private broken: { seq: number; reason: string } | undefined;
  /** Hashes seen at the seqs asked for (`watch`), e.g. the anchored head. */
  readonly seen = new Map<number, string>();

  constructor(
    private readonly keying?: AuditKeying,
    start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
    private readonly watch: ReadonlySet<number> = new Set(),
  ) {
    this.prevHash = start.hash;
    this.expectedSeq = start.seq + 1;
  }

  /** Feeds the next entry; stops checking once broken. */
  feed(entry: AuditFields & { prevHash: string; hash: string }): void {
    if (this.broken !== undefined) return;
    this.count++;
    let reason: string | undefined;
    if (entry.seq !== this.expectedSeq) reason = `entry ${this.expectedSeq} is missing`;
    else if (entry.prevHash !== this.prevHash) reason = `entry ${entry.seq} does not link to the one before`;
    else if (auditHash(entry.prevHash, entry, this.keying) !== entry.hash)
      reason = `entry ${entry.seq} does not match its ${this.keying && entry.seq >= this.keying.keyedFrom ? 'keyed ' : ''}hash`;
    else if (
      this.keying &&
      entry.seq === this.keying.keyedFrom &&
      entry.seq > 1 &&
      entry.action !== KEYED_MARKER
    )
      reason = `entry ${entry.seq} should mark where the keyed chain starts`;
    if (reason !== undefined) {
      this.broken = { seq: entry.seq, reason };
      return;
    }
    if (this.watch.has(entry.seq)) this.seen.set(entry.seq, entry.hash);
    this.prevHash = entry.hash;
    this.expectedSeq++;
  }

  result(): ChainCheck {
    const head = { seq: this.expectedSeq - 1, hash: this.prevHash };
    return this.broken === undefined
      ? { ok: true, entries: this.count, head }
      : { ok: false, brokenAt: this.broken.seq, entries: this.count, reason: this.broken.reason, head };
  }
}
