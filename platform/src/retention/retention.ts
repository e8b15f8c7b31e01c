import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../service-context';
import { isPostgres } from '../store/dialect';
import { transact } from '../store/database';
import { accessReport, type AccessReport } from './access-report';
import { endedCases } from './case-end';
import { caseInstances, type EngineHistory } from './engine-history';
import { eraseCase, type ErasedCase } from './erase-case';
import type { Pseudonyms } from './pseudonyms';
import type { RetentionPolicy } from './retention-policy';

/** What one purge did, per category (counts only: a purge's report carries no personal data). */
export interface PurgeReport {
  at: string;
  casesErased: number;
  casesFailed: number;
  engineHistoriesDeleted: number;
  engineInstancesStillRunning: number;
  sessionsDeleted: number;
  apiTokensDeleted: number;
  outboxItemsDeleted: number;
}

/**
 * Retention (issue 16): the scheduled purge and early erasure on request. A purge erases every case
 * whose retention ran out (`eraseCase`), deletes the engine's history of cases ended longer ago than
 * its shorter period, and drops expired sessions and tokens and old outbox items; it is audited
 * (`retention.purge`, counts only). One purge runs at a time per instance; a case is erased once
 * (a second instance's attempt finds it gone and skips it).
 */
export class Retention {
  private running: Promise<PurgeReport> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly engine: EngineHistory,
    private readonly pseudonyms: Pseudonyms,
    readonly policy: RetentionPolicy,
  ) {}

  /** Runs a purge now (or joins the one running). */
  purge(actor: Actor): Promise<PurgeReport> {
    this.running ??= this.secureDeletes(() => this.runPurge(actor)).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Erases one case ahead of its time (court order, case entered by mistake); audited with the justification. */
  async erase(decisionId: string, actor: Actor & { justification: string }): Promise<ErasedCase> {
    const endedAt = (await endedCases(this.ctx.db, '9999')).find((c) => c.decisionId === decisionId);
    return this.secureDeletes(async () => {
      const erased = await eraseCase(this.deps(), decisionId, {
        reason: 'request',
        justification: actor.justification,
        actor,
        endedAt: endedAt?.endedAt ?? null,
      });
      await this.compact();
      return erased;
    });
  }

  /** The access report for one national register number (admins and auditors; the route audits it). */
  accessReport(nrn: string, generatedBy: string): Promise<AccessReport> {
    return accessReport(this.ctx, this.pseudonyms, this.policy, nrn, generatedBy);
  }

  /**
   * Purges every `intervalMs` of the service's clock, checked at least hourly (a timer cannot wait
   * longer than 24.8 days); the timer does not keep the process alive.
   */
  schedule(intervalMs: number, actor: Actor): void {
    let last = this.ctx.clock.now().getTime();
    this.timer = setInterval(
      () => {
        if (this.ctx.clock.now().getTime() - last < intervalMs) return;
        last = this.ctx.clock.now().getTime();
        this.purge(actor).catch((e: unknown) =>
          this.ctx.logger.error('retention purge failed', { error: (e as Error).message }),
        );
      },
      Math.min(intervalMs, 60 * 60 * 1000),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private deps() {
    return { ctx: this.ctx, engine: this.engine, pseudonyms: this.pseudonyms };
  }

  private cutoff(ms: number): string {
    return new Date(this.ctx.clock.now().getTime() - ms).toISOString();
  }

  private async runPurge(actor: Actor): Promise<PurgeReport> {
    const { db, logger } = this.ctx;
    const report: PurgeReport = {
      at: this.ctx.clock.now().toISOString(),
      casesErased: 0,
      casesFailed: 0,
      engineHistoriesDeleted: 0,
      engineInstancesStillRunning: 0,
      sessionsDeleted: 0,
      apiTokensDeleted: 0,
      outboxItemsDeleted: 0,
    };
    for (const c of await endedCases(db, this.cutoff(this.policy.caseData))) {
      try {
        await eraseCase(this.deps(), c.decisionId, {
          reason: 'retention',
          justification: `retention period of case data ran out (${Math.round(this.policy.caseData / 86_400_000)} days after the case ended)`,
          actor,
          endedAt: c.endedAt,
        });
        report.casesErased++;
      } catch (e) {
        report.casesFailed++;
        logger.warn('retention: a case could not be erased; retried at the next purge', {
          decisionId: c.decisionId,
          error: (e as Error).message,
        });
      }
    }
    await this.purgeEngineHistory(report);
    const sessions = await db
      .deleteFrom('sessions')
      .where('expires_at', '<', this.cutoff(this.policy.sessions))
      .executeTakeFirst();
    report.sessionsDeleted = Number(sessions.numDeletedRows);
    const tokenCutoff = this.cutoff(this.policy.apiTokens);
    const tokens = await db
      .deleteFrom('api_tokens')
      .where((eb) => eb.or([eb('expires_at', '<', tokenCutoff), eb('revoked_at', '<', tokenCutoff)]))
      .executeTakeFirst();
    report.apiTokensDeleted = Number(tokens.numDeletedRows);
    const outboxCutoff = this.cutoff(this.policy.outboxDone);
    const outbox = await db
      .deleteFrom('outbox')
      .where((eb) => eb.or([eb('done_at', '<', outboxCutoff), eb('given_up_at', '<', outboxCutoff)]))
      .executeTakeFirst();
    report.outboxItemsDeleted = Number(outbox.numDeletedRows);
    await transact(db, (trx) =>
      this.ctx.audit.appendIn(trx, {
        user: actor.user,
        agencyId: actor.agencyId,
        action: 'retention.purge',
        object: `cases ${report.casesErased} erased, ${report.casesFailed} failed; engine histories ${report.engineHistoriesDeleted}; sessions ${report.sessionsDeleted}; tokens ${report.apiTokensDeleted}; outbox ${report.outboxItemsDeleted}`,
        justification: actor.justification ?? 'scheduled retention purge',
        outcome: report.casesFailed > 0 ? 'failed' : 'ok',
      }),
    );
    await this.compact();
    logger.info('retention purge done', { ...report });
    return report;
  }

  /** The engine's state of cases ended longer ago than its (shorter) period, deleted once per case. */
  private async purgeEngineHistory(report: PurgeReport): Promise<void> {
    const { db } = this.ctx;
    const done = new Set(
      (await db.selectFrom('engine_history_purges').select('decision_id').execute()).map(
        (r) => r.decision_id,
      ),
    );
    for (const c of await endedCases(db, this.cutoff(this.policy.engineHistory))) {
      if (done.has(c.decisionId)) continue;
      const d = await db
        .selectFrom('decisions')
        .select('process_instance_key')
        .where('id', '=', c.decisionId)
        .executeTakeFirst();
      if (!d) continue;
      const mandates = await db
        .selectFrom('mandates')
        .select('process_instance_key')
        .where('decision_id', '=', c.decisionId)
        .execute();
      try {
        const keys = await caseInstances(this.engine, c.decisionId, [
          d.process_instance_key,
          ...mandates.map((m) => m.process_instance_key),
        ]);
        const outcomes = [];
        for (const k of keys) outcomes.push(await this.engine.deleteInstance(k));
        if (outcomes.includes('running')) {
          report.engineInstancesStillRunning++;
          continue;
        }
        await db
          .insertInto('engine_history_purges')
          .values({ decision_id: c.decisionId, purged_at: report.at, instances: keys.join(',') })
          .onConflict((oc) => oc.column('decision_id').doNothing())
          .execute();
        report.engineHistoriesDeleted++;
      } catch (e) {
        this.ctx.logger.warn('retention: the engine history of a case could not be deleted', {
          decisionId: c.decisionId,
          error: (e as Error).message,
        });
      }
    }
  }

  /**
   * Runs `fn` with SQLite's `secure_delete` ON (deleted content and freed pages overwritten with
   * zeros), then back to FAST (zeroing only where it costs no extra I/O, the store's everyday mode).
   */
  private async secureDeletes<T>(fn: () => Promise<T>): Promise<T> {
    const db = this.ctx.db;
    if (isPostgres(db as never)) return fn();
    await sql`PRAGMA secure_delete = ON`.execute(db);
    try {
      return await fn();
    } finally {
      await sql`PRAGMA secure_delete = FAST`.execute(db);
    }
  }

  /**
   * SQLite keeps deleted rows readable in free pages and in the write-ahead log until they are
   * reused: deleted content is zeroed (`secure_delete`) and the log emptied into the file after a
   * purge. PostgreSQL: the dead rows are vacuumed (their space is reused; see DATA-PROTECTION.md
   * for the WAL archive and backups).
   */
  private async compact(): Promise<void> {
    const db = this.ctx.db;
    if (isPostgres(db as never)) {
      for (const t of ['decisions', 'mandates', 'documents', 'outbox', 'notifications', 'decision_events'])
        await sql.raw(`VACUUM ${t}`).execute(db);
      return;
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  }
}
