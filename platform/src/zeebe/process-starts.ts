import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';
import type { DecisionFacts } from '../reference-port';
import { findDecision, type DecisionRow } from '../views/decision-records';
import { isoDuration } from '../durations';
import { DEFAULT_CHASE, followUpPlan } from '../domain/follow-up-plan';
import type { ServiceContext } from '../service-context';
import { relaxedStatement, type Db } from '../store/database';
import type { EngineClient } from './engine-client';
import { traceFields } from '../trace/request-trace';
import { Outbox } from '../outbox/outbox';

/** Process ids of the models in bpmn/ (bpmn/README.md). */
export const CONDITIONAL_RELEASE = 'conditional-release';
export const MANDATE_FOLLOW_UP = 'mandate-follow-up';

/**
 * Records which process instance follows a decision, first come first served: `null → key`. Returns
 * whether `key` is (now) the recorded one. Two instances can exist only if the platform died between
 * the engine's answer and this write; the loser is cancelled by whoever sees it (outbox or worker).
 * Reads first: once a key is recorded (the usual case for a job) the answer costs one read, no write.
 *
 * The write is one statement that does not wait for the disk (`relaxedStatement`): it survives a
 * crash of the process, and whatever the instance then does that counts (a signalement, a mandate)
 * commits after it in the log — its job read or wrote the claim first — so is on disk only with it. A power cut can lose only a claim nothing durable followed; the outbox then starts
 * the decision's process again and the instance it left is cancelled as a duplicate when it next
 * reaches a worker. (It was a durable transaction: three round trips and a WAL flush on the path
 * of every decision's first jobs.)
 */
export async function claimDecisionInstance(
  db: Db,
  decisionId: string,
  key: string,
  unclaimedWhenRead = false,
): Promise<boolean> {
  return claimFirst(db, key, unclaimedWhenRead, {
    read: () =>
      db
        .selectFrom('decisions')
        .select('process_instance_key')
        .where('id', '=', decisionId)
        .executeTakeFirst(),
    erased: async () =>
      !!(await db
        .selectFrom('erasures')
        .select('decision_id')
        .where('decision_id', '=', decisionId)
        .executeTakeFirst()),
    write: (trx) =>
      trx
        .updateTable('decisions')
        .set({ process_instance_key: key })
        .where('id', '=', decisionId)
        .where('process_instance_key', 'is', null)
        .executeTakeFirst(),
  });
}

/** The same for the follow-up process of a mandate issued by hand. */
export async function claimMandateInstance(
  db: Db,
  mandateId: string,
  key: string,
  unclaimedWhenRead = false,
): Promise<boolean> {
  return claimFirst(db, key, unclaimedWhenRead, {
    read: () =>
      db.selectFrom('mandates').select('process_instance_key').where('id', '=', mandateId).executeTakeFirst(),
    erased: async () =>
      (
        await db.selectFrom('erasures').select('objects').where('objects', 'like', `%${mandateId}%`).execute()
      ).some((e) => e.objects.split(',').includes(mandateId)),
    write: (trx) =>
      trx
        .updateTable('mandates')
        .set({ process_instance_key: key })
        .where('id', '=', mandateId)
        .where('process_instance_key', 'is', null)
        .executeTakeFirst(),
  });
}

/**
 * The claim of a row's `process_instance_key`: answered by a read when a key is recorded (or the row
 * is gone); otherwise the conditional write, and a second read only if another claimer won the race.
 * `unclaimedWhenRead`: the caller read no key just before (a process start, before it asked the
 * engine), so the write goes first, without the read that would most likely find none again.
 */
async function claimFirst(
  db: Db,
  key: string,
  unclaimedWhenRead: boolean,
  row: {
    read: () => Promise<{ process_instance_key: string | null } | undefined>;
    /** Whether the row is gone because its case was erased (retention or request). */
    erased: () => Promise<boolean>;
    write: (trx: Db) => Promise<{ numUpdatedRows: bigint }>;
  },
): Promise<boolean> {
  if (unclaimedWhenRead) {
    const res = await relaxedStatement(db, row.write);
    if (Number(res.numUpdatedRows) > 0) return true;
  }
  const before = await row.read();
  // No row: an instance of an erased case (a duplicate left running, or one the erasure could not
  // reach) has nothing left to act on and is cancelled like a duplicate; otherwise the use case
  // answers "not found" itself.
  if (!before) return !(await row.erased());
  if (before.process_instance_key !== null) return before.process_instance_key === key;
  // One conditional UPDATE, correct beside other writers (a second claimer waits for the row and
  // re-checks `IS NULL`): no need for the writers' lock.
  const res = await relaxedStatement(db, row.write);
  if (Number(res.numUpdatedRows) > 0) return true;
  const after = await row.read();
  return !after || after.process_instance_key === key;
}

/**
 * Outbox handler `start_decision`: starts `conditional-release` for a decision unless it has an
 * instance already. Start variables carry no personal data (bpmn/README.md).
 */
export async function startDecisionProcess(
  ctx: ServiceContext,
  engine: EngineClient,
  decisionId: string,
): Promise<void> {
  const d = await findDecision(ctx.db, decisionId);
  if (!d || d.process_instance_key) return;
  const key = await engine.createProcessInstance(CONDITIONAL_RELEASE, {
    ...processVariables(d, ctx.settings.ackDeadline),
    ...traceFields(),
  });
  if (!(await claimDecisionInstance(ctx.db, decisionId, key, true))) {
    ctx.logger.warn('cancelling a duplicate process instance', { decisionId, processInstanceKey: key });
    await engine.cancelProcessInstance(key);
    if (!(await findDecision(ctx.db, decisionId))) await deleteLeftover(ctx, key);
  }
}

/**
 * An instance started for a case erased meanwhile (the erasure ran between this start's read and its
 * claim) carries the case's variables, and the erasure, done, will not come back for it: it is
 * deleted from the engine by an outbox item (retried while the engine still reports it running).
 */
async function deleteLeftover(ctx: ServiceContext, key: string): Promise<void> {
  await Outbox.enqueueIn(ctx.db, ctx.clock.now(), {
    key: `delete_instance:${key}`,
    kind: 'delete_instance',
    payload: { processInstanceKey: key },
  });
  ctx.outbox.kick();
}

/** Outbox handler `start_follow_up`: starts `mandate-follow-up` for a mandate issued by hand. */
export async function startFollowUpProcess(
  ctx: ServiceContext,
  engine: EngineClient,
  mandateId: string,
): Promise<void> {
  const m = await ctx.db.selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
  // a mandate closed before its follow-up could start (the measure ended, the person moved) needs none
  if (!m || m.process_instance_key || m.status === 'closed') return;
  const d = await findDecision(ctx.db, m.decision_id);
  const remaining = new Date(m.deadline).getTime() - ctx.clock.now().getTime();
  const key = await engine.createProcessInstance(MANDATE_FOLLOW_UP, {
    mandateId,
    // its first step records it as the mandate's follow-up (iplus:record-follow-up), before it listens
    recordFollowUp: true,
    decisionId: m.decision_id,
    province: m.province,
    kind: m.kind,
    ackDeadline: isoDuration(remaining),
    ...followUpPlan(ctx.settings.chase ?? DEFAULT_CHASE, m, d?.measure ?? ''),
    ...traceFields(),
  });
  if (!(await claimMandateInstance(ctx.db, mandateId, key, true))) {
    ctx.logger.warn('cancelling a duplicate follow-up instance', { mandateId, processInstanceKey: key });
    await engine.cancelProcessInstance(key);
    const still = await ctx.db
      .selectFrom('mandates')
      .select('id')
      .where('id', '=', mandateId)
      .executeTakeFirst();
    if (!still) await deleteLeftover(ctx, key);
  }
}

/** Outbox handler `publish`: publishes a message (acknowledgement, report) to the engine. */
export async function publish(
  ctx: ServiceContext,
  engine: EngineClient,
  m: { name: string; correlationKey: string; messageId: string; variables?: Record<string, unknown> },
): Promise<void> {
  await engine.publishMessage({ ...m, ttlMs: ctx.settings.messageTtlMs });
}

/**
 * Outbox handler `pass_on` (lifecycle/lifecycle-messages.ts, `queuePassOn`): cancels the duplicate
 * instance that took a message, then publishes the message again for the recorded instance.
 */
export async function passOn(
  ctx: ServiceContext,
  engine: EngineClient,
  p: { duplicateKey: string; message: Parameters<typeof publish>[2] },
): Promise<void> {
  await engine.cancelProcessInstance(p.duplicateKey);
  await publish(ctx, engine, p.message);
}

/** The start variables of process `conditional-release` (bpmn/README.md). No personal data. */
export function processVariables(row: DecisionRow, ackDeadline: string): Record<string, unknown> {
  const input = JSON.parse(row.input_json) as DecisionFacts;
  return {
    decisionId: row.id,
    reference: row.reference,
    nis: row.nis,
    province: row.province,
    measure: row.measure,
    electronicMonitoring: involvesElectronicMonitoring(row.measure, input.electronicMonitoring),
    language: row.language,
    ackDeadline,
    // the case's life (lifecycle/): wait for a prison's release; the end timer's date (null: open-ended)
    awaitingRelease: row.awaiting_release === 1 && row.released_at === null,
    measureEnd: row.measure_end,
  };
}
