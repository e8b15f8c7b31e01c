import { mandateId, type MandateKind } from '../domain/mandate-kinds';
import { notFound } from '../errors';
import { issueMandate, issueMandateIn, type IssuedMandate } from '../mandates/issue-mandate';
import { checkProcessRecipient, routedRecipient, type RouteCase } from '../mandates/process-recipient';
import type { Actor, ServiceContext } from '../service-context';
import { transact, type Db } from '../store/database';
import { findDecision, moveRecorded, type DecisionRow } from '../views/decision-records';
import { openMandates } from './decision-changes';

/** The issue of a mandate the process `conditional-release` asks for (its first routing). */
export interface ProcessIssue {
  decisionId: string;
  kind: MandateKind;
  /** The recipient the process routed (its `recipients`); null: the coordinator assigns one. */
  recipientId: string | null;
  /** ISO 8601 duration from now, or an ISO time. */
  deadline: string;
  processInstanceKey: string;
}

/** The job's instance is not the one recorded for its decision (`isRecordedInstance`): nothing was done. */
export const NOT_CLAIMED = 'not claimed';
export type NotClaimed = typeof NOT_CLAIMED;

const ignore = (): void => undefined;

/** A move was recorded between the reads and the writers' lock: read again and decide again. */
class MovedMeanwhile extends Error {}

/** Reads and decides again at most this often; then the job fails and is retried with back-off. */
const ATTEMPTS = 3;

/**
 * Issues the mandate of the process's first routing to the recipient of the person's newest
 * domicile. Never moved: the process's recipient, checked against the platform's routing (a
 * mismatch is an incident, `checkProcessRecipient`). Moved since the case was uploaded (a clerk may
 * record a move minutes after the upload, before this job runs): the process routed an older
 * domicile, so its recipient is set aside and the platform's routing of the current domicile
 * decides. The job then stands down (returns null, nothing issued) when the move's re-routing
 * (`applyMove`) has already issued an open mandate of that kind, or when the new region is not live
 * (the re-routing sends that part to the old channel); otherwise it issues to the current recipient
 * and the re-routing, whenever it runs, finds it right. Decided under the writers' lock, which the
 * re-routing takes too: one open mandate per kind, whichever of the two runs first. A redelivered
 * job finds the mandate it issued.
 *
 * `claimed`: whether the job's instance is the recorded one (the worker's claim, started before the
 * call): the decision's read and the routing's evaluation run while it settles, and nothing is
 * written or refused before it has (NOT_CLAIMED when it says no).
 */
export async function issueToCurrentDomicile(
  ctx: ServiceContext,
  req: ProcessIssue,
  route: RouteCase,
  actor: Actor,
  claimed: Promise<boolean> = Promise.resolve(true),
): Promise<IssuedMandate | null | NotClaimed> {
  // Awaited on every path before anything is written or refused; a failure reaches the caller there.
  claimed.catch(ignore);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptIssue(ctx, req, route, actor, claimed);
    } catch (e) {
      if (!(e instanceof MovedMeanwhile) || attempt >= ATTEMPTS) throw e;
    }
  }
}

async function attemptIssue(
  ctx: ServiceContext,
  req: ProcessIssue,
  route: RouteCase,
  actor: Actor,
  claimed: Promise<boolean>,
): Promise<IssuedMandate | null | NotClaimed> {
  // The decision and whether it moved, on one snapshot: a move committed after it is caught under
  // the lock (never moved: a move now exists; moved: the domicile the recipient is routed for changed).
  const found = await decisionAndWhetherMoved(ctx.db, req.decisionId);
  // The routing's evaluation in the engine (a read too) runs while the claim finishes.
  const routed =
    found && !found.moved && req.recipientId !== null
      ? routedRecipient(ctx, found, req.kind, route)
      : undefined;
  routed?.catch(ignore); // awaited below once claimed
  if (!(await claimed)) return NOT_CLAIMED;
  if (!found) throw notFound('decision', req.decisionId);
  const { moved, ...d } = found;
  if (!moved) {
    await checkProcessRecipient(ctx, req, route, d, routed);
    const stillNeverMoved = ({ moved }: { moved: boolean }) => {
      if (moved) throw new MovedMeanwhile(`${d.id} moved meanwhile`);
    };
    // The row read above goes along: what the issue takes from it changes only with a move, which
    // `stillNeverMoved` rules out under the lock.
    return issueMandate(ctx, { ...req, origin: 'process', stillValid: stillNeverMoved, decision: d }, actor);
  }
  const own = mandateId(d.seq, req.kind);
  if (await issued(ctx.db, own)) return { id: own, created: false };
  const current = await routedRecipient(ctx, d, req.kind, route);
  return transact(ctx.db, async (trx) => {
    const now = await findDecision(trx, d.id);
    if (!now) throw notFound('decision', d.id);
    if (now.nis !== d.nis || now.province !== d.province) throw new MovedMeanwhile(`${d.id} moved meanwhile`);
    if (await issued(trx, own)) return { id: own, created: false };
    const open = (await openMandates(trx, d.id)).some((m) => m.kind === req.kind);
    if (open || !current.live) return null;
    return issueMandateIn(
      ctx,
      trx,
      { ...req, recipientId: current.agencyId, origin: 'process', decision: now },
      actor,
    );
  });
}

/**
 * The decision's row and whether a move is recorded for it, in one statement (on one snapshot: a
 * move committed after it is caught under the lock).
 */
async function decisionAndWhetherMoved(
  db: Db,
  decisionId: string,
): Promise<(DecisionRow & { moved: boolean }) | undefined> {
  const row = await db
    .selectFrom('decisions')
    .selectAll('decisions')
    .select(moveRecorded)
    .where('decisions.id', '=', decisionId)
    .executeTakeFirst();
  return row && { ...row, moved: Boolean(row.moved) };
}

const issued = async (db: Db, id: string) =>
  (await db.selectFrom('mandates').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
