import type { Clock } from '../clock';
import {
  auditHeadUnderLock,
  readAuditHead,
  withRelaxedDurability,
  type AuditHeadRow,
  type Db,
} from '../store/database';
import { auditAppender } from '../store/audit-appender';
import {
  auditHash,
  ChainVerifier,
  GENESIS_HASH,
  type AuditFields,
  type AuditKeying,
  type ChainCheck,
} from './audit-hash';
import type { Insertable, Selectable } from 'kysely';
import type { AuditLogTable } from '../store/schema';
import { peopleNamedBy, type NamedPerson } from './people-named';

/** Who did what to which object, why, and how it ended. */
export interface AuditInput {
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification?: string;
  outcome: 'ok' | 'denied' | 'not_found' | 'failed';
  /**
   * The person the entry is about, when its object no longer leads to them (an erasure writes its
   * entry after deleting the case's rows) or when the caller has the case at hand (no lookup under
   * the writers' lock). Otherwise the object's case is looked up.
   */
  about?: NamedPerson;
}

/** Pseudonymises a text before it is hashed: national register numbers, and the names of `people`. */
export type AuditScrub = (text: string, people: readonly NamedPerson[]) => string;

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
  private scrub: AuditScrub = (t) => t;
  private pseudonymising = false;
  /** The chain's head as this log last wrote it (appendReads chains onto it; checked when sent). */
  private expectedHead: AuditHeadRow | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Keys the chain from entry `keyedFrom` on (see AuditIntegrity); set once at start, before any entry. */
  keyWith(keying: AuditKeying): void {
    this.keying = keying;
  }

  /**
   * Pseudonymises what entries say before they are hashed: a national register number in an object
   * or a justification is stored as its keyed pseudonym (retention/pseudonyms.ts), and so are the
   * names of the person of the entry's case in its justification (free text typed by an agent), so
   * the chain never holds them and needs no rewriting when a case is erased.
   */
  pseudonymiseWith(scrub: AuditScrub): void {
    this.scrub = scrub;
    this.pseudonymising = true;
  }

  /** Who a justification may name: the entry's `about`, else the person of the case its object names. */
  private async peopleFor(trx: Db, input: AuditInput): Promise<readonly NamedPerson[]> {
    if (!this.pseudonymising || !input.justification) return [];
    if (input.about) return [input.about];
    return peopleNamedBy(trx, input.object);
  }

  /** The last entry's seq and hash (seq 0 and the genesis hash for an empty log). */
  async head(db: Db = this.db): Promise<{ seq: number; hash: string }> {
    return (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
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
    return (await this.appendAllIn(trx, [input]))[0]!;
  }

  /**
   * Appends entries in order inside an open transaction: one read of the chain's head and one
   * INSERT for all of them (a batch of reads' entries costs two statements, not two per entry).
   * The chain has one head however many instances write: the writers' lock is held from before the
   * head is read until the commit (a transaction opened with `late` takes it here, database.ts).
   */
  private async appendAllIn(trx: Db, inputs: AuditInput[]): Promise<AuditEntry[]> {
    // Who the justifications may name is looked up before the lock (in a `late` transaction that
    // has not taken it yet), so the lock is held for the head's read and the INSERT only.
    const people = await this.peopleForAll(trx, inputs);
    const entries = this.chainOnto(await auditHeadUnderLock(trx), inputs, people);
    await trx.insertInto('audit_log').values(entries.map(auditRow)).execute();
    // What the head will be once this commits: the next batch of reads chains onto it (appendReads).
    this.expectedHead = entries[entries.length - 1];
    return entries;
  }

  private async peopleForAll(db: Db, inputs: AuditInput[]): Promise<Array<readonly NamedPerson[]>> {
    const people: Array<readonly NamedPerson[]> = [];
    for (const input of inputs) people.push(await this.peopleFor(db, input));
    return people;
  }

  /** The entries for `inputs`, chained in order onto `head` (undefined: the empty log). */
  private chainOnto(
    head: { seq: number; hash: string } | undefined,
    inputs: AuditInput[],
    people: Array<readonly NamedPerson[]>,
  ): AuditEntry[] {
    let seq = head ? head.seq : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const at = this.clock.now().toISOString();
    return inputs.map((input, i): AuditEntry => {
      const fields: AuditFields = {
        seq: ++seq,
        at,
        user: input.user,
        agencyId: input.agencyId,
        action: input.action,
        object: this.scrub(input.object, []),
        justification: this.scrub(input.justification ?? '', people[i]!),
        outcome: input.outcome,
      };
      const entry = { ...fields, prevHash, hash: auditHash(prevHash, fields, this.keying) };
      prevHash = entry.hash;
      return entry;
    });
  }

  /**
   * Appends a batch of reads' entries, committed without waiting for the disk. With a store that
   * appends in one statement (PostgreSQL, store/audit-appender.ts) the entries are chained onto the
   * head this log expects (the last it wrote) and sent in one round trip, the writers' lock held
   * only inside the server; when another writer moved the head meanwhile, they are chained again
   * onto the head it answers, and after MAX_TRIES a transaction holding the lock appends them.
   * Otherwise (SQLite) that transaction at once.
   */
  private async appendReads(inputs: AuditInput[]): Promise<void> {
    const appender = auditAppender(this.db);
    if (appender) {
      const people = await this.peopleForAll(this.db, inputs);
      let head = this.expectedHead ?? (await readAuditHead(this.db));
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const entries = this.chainOnto(head, inputs, people);
        const result = await appender.appendAfter(head, entries.map(auditRow));
        if (result.appended) {
          this.expectedHead = entries[entries.length - 1];
          return;
        }
        head = result.head;
      }
    }
    // SQLite binds at most 32,766 parameters per statement: 10 a row. `late`: before the writers'
    // lock, only the reads of who justifications may name; the lock comes with the chain's head
    // (auditHeadUnderLock).
    await withRelaxedDurability(
      this.db,
      async (trx) => {
        for (let i = 0; i < inputs.length; i += 1000) await this.appendAllIn(trx, inputs.slice(i, i + 1000));
      },
      'late',
    );
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
        await this.appendReads(batch.map((item) => item.input));
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

/** How many times a batch of reads' entries is chained onto a head another writer then moved. */
const MAX_TRIES = 3;

/** An entry as the audit_log table holds it. */
function auditRow(e: AuditEntry): Insertable<AuditLogTable> {
  return {
    seq: e.seq,
    at: e.at,
    user_name: e.user,
    agency_id: e.agencyId,
    action: e.action,
    object: e.object,
    justification: e.justification,
    outcome: e.outcome,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
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
