import { coordinatorOf } from '../auth/roles';
import { personIn } from '../audit/people-named';
import {
  advanceStatus,
  findDecision,
  moveRecorded,
  recordEvent,
  type DecisionRow,
} from '../views/decision-records';
import { durationMs } from '../durations';
import { conflict, notFound, UserError } from '../errors';
import { notifyOnce } from '../notifications/notifications';
import { Outbox } from '../outbox/outbox';
import type { Actor, ServiceContext } from '../service-context';
import { transact, type Db } from '../store/database';
import { mandateId, type MandateKind } from '../domain/mandate-kinds';
import { FINAL_STATUSES } from '../domain/measure-period';

export interface IssueRequest {
  decisionId: string;
  kind: MandateKind;
  /** Null when routing knows no recipient: the mandate goes to the coordinator for manual assignment. */
  recipientId: string | null;
  /** ISO 8601 duration from now, or an ISO time. */
  deadline: string;
  origin: 'process' | 'manual';
  processInstanceKey: string | null;
  /**
   * Checked under the writers' lock, before the writes that need it, with whether a move is recorded
   * for the decision: throwing rolls the issue back. A process's issue refuses there a recipient
   * routed before a move recorded meanwhile.
   */
  stillValid?: (now: { moved: boolean }) => void;
  /**
   * The decision's row as the caller read it, when what the issue takes from it (id, number,
   * province, parquet, municipality, person) cannot have changed since, or a change is caught under
   * the lock (`stillValid`: a move); otherwise it is read here.
   */
  decision?: DecisionRow;
}

/** What an issue did: the mandate's id, whether it is new, and (new) its deadline as an ISO time. */
export interface IssuedMandate {
  id: string;
  created: boolean;
  deadline?: string;
}

/** Outbox key of the item that starts a hand-issued mandate's follow-up process. */
export const followUpKey = (mandateId: string) => `follow-up:${mandateId}`;

/** The deadline as an ISO time: `PT24H` counts from `now`; an ISO time is taken as is. */
export function deadlineAt(deadline: string, now: Date): string {
  const ms = durationMs(deadline);
  if (ms !== undefined) return new Date(now.getTime() + ms).toISOString();
  const at = Date.parse(deadline);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(deadline)) {
    throw new UserError({
      status: 400,
      code: 'invalid_deadline',
      title: 'Invalid deadline',
      detail: `deadline "${deadline}" is neither an ISO 8601 duration (PT24H) nor an ISO time (2026-11-27T09:00:00Z)`,
      errors: [
        {
          field: 'deadline',
          code: 'invalid_deadline',
          message: 'use an ISO 8601 duration such as PT24H, or an ISO time',
        },
      ],
    });
  }
  return new Date(at).toISOString();
}

/**
 * Issues a mandate, idempotently for the process: its id is fixed by decision and kind, so a
 * redelivered job finds the mandate it created and changes nothing. Without a known recipient the
 * mandate is addressed to the province's coordinator, flagged for manual assignment, and the
 * coordinator is notified. Returns the mandate id and whether it is new.
 */
export async function issueMandate(
  ctx: ServiceContext,
  req: IssueRequest,
  actor: Actor,
): Promise<IssuedMandate> {
  // `late`: see issueMandateIn for the statements that run before the writers' lock.
  return transact(ctx.db, (trx) => issueMandateIn(ctx, trx, req, actor), 'late');
}

/** `issueMandate` inside the caller's transaction (a move issues the new mandates with its other writes). */
export async function issueMandateIn(
  ctx: ServiceContext,
  trx: Db,
  req: IssueRequest,
  actor: Actor,
): Promise<IssuedMandate> {
  const d = req.decision ?? (await findDecision(trx, req.decisionId));
  if (!d) throw notFound('decision', req.decisionId);
  const id = req.origin === 'process' ? mandateId(d.seq, req.kind) : await nextManualId(trx, d.seq, req.kind);
  const now = ctx.clock.now();
  const manual = req.recipientId === null;
  const recipientId = req.recipientId ?? coordinatorOf(d.province);
  // In a `late` transaction (issueMandate) the reads above and these two inserts run before the
  // writers' lock: the mandate's key is fixed, so a mandate issued before (a redelivered job) or
  // being issued now by another instance (which this insert waits for) is not inserted again
  // (created: false); the event's key derives from the mandate's. The rest writes rows other writers write under the
  // lock (the decision's status, notifications' counter, the audit chain): after the lock, which the audit entry takes. (The
  // inserts' foreign keys share-lock the decision's key only, which status updates do not touch.)
  const deadline = deadlineAt(req.deadline, now);
  const inserted = await trx
    .insertInto('mandates')
    .values({
      id,
      decision_id: d.id,
      kind: req.kind,
      recipient_id: recipientId,
      province: d.province,
      parquet_id: d.parquet_id,
      origin: req.origin,
      status: 'issued',
      issued_at: now.toISOString(),
      deadline,
      overdue: 0,
      escalated_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
      ack_note: null,
      report_outcome: null,
      report_breach: null,
      report_text: null,
      report_at: null,
      report_by: null,
      process_instance_key: req.processInstanceKey,
      manual_assignment: manual ? 1 : 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { id, created: false };
  await recordEvent(trx, {
    decisionId: d.id,
    at: now.toISOString(),
    event: 'mandate_issued',
    mandateId: id,
    agencyId: recipientId,
  });
  // The audit entry first: in a `late` transaction it takes the writers' lock together with the
  // chain's head (one round trip); the checks below run under the lock, and a refusal rolls the
  // entry back with the rest.
  await ctx.audit.appendIn(trx, {
    user: actor.user,
    agencyId: actor.agencyId,
    action: 'mandate.issue',
    object: id,
    justification: actor.justification,
    outcome: 'ok',
    // the mandate's person, read with the decision before the lock (not looked up under it)
    about: personIn(d.input_json),
  });
  // A measure that is over gets no new mandate: a process's issue job still running when the measure
  // ended (its end timer, a revocation) would otherwise leave an open mandate behind the end, which
  // closed the others (found by the chaos run). Read under the lock: the end takes it first and
  // closes the open mandates it sees (this one was not committed then); throwing rolls it back.
  // (Not folded into the status's UPDATE: that would write the decision's row every time, and
  // transactions without the writers' lock that write the row — the claim, the routing record —
  // would then queue behind the lock's holders.) Whether a move is recorded comes in the same read,
  // for `stillValid`.
  const current = await trx
    .selectFrom('decisions')
    .select((eb) => ['status', moveRecorded(eb)])
    .where('id', '=', d.id)
    .executeTakeFirst();
  req.stillValid?.({ moved: Boolean(current?.moved) });
  if (current && FINAL_STATUSES.includes(current.status))
    throw conflict('measure_over', `the measure of ${d.id} is ${current.status}: no mandate is issued`);
  if (req.origin === 'manual') {
    await Outbox.enqueueIn(trx, now, {
      key: followUpKey(id),
      kind: 'start_follow_up',
      payload: { mandateId: id },
    });
  }
  if (manual) {
    await notifyOnce(trx, {
      kind: 'manual_assignment',
      agencyId: recipientId,
      province: d.province,
      decisionId: d.id,
      mandateId: id,
      at: now.toISOString(),
      detail: `no known ${req.kind.replace('_', ' ')} recipient for municipality ${d.nis}: assign one (POST /api/notifications/{id}/handle with recipientId)`,
    });
    await advanceStatus(trx, d.id, 'manual_assignment', ['received', 'routed']);
  } else if (current?.status === 'received') {
    // Read above under the lock, which every status change takes: otherwise the UPDATE would change
    // nothing (the signalement or the other mandate moved it first), so it is not sent.
    await advanceStatus(trx, d.id, 'routed', ['received']);
  }
  return { id, created: true, deadline };
}

/** Mandates added by hand take the next free number after the process's own (`-2`, `-3`…). */
async function nextManualId(trx: Db, seq: number, kind: MandateKind): Promise<string> {
  const prefix = mandateId(seq, kind);
  const rows = await trx.selectFrom('mandates').select('id').where('id', 'like', `${prefix}-%`).execute();
  return mandateId(seq, kind, rows.length + 2);
}
