import { findDecision, type DecisionRow } from '../views/decision-records';
import type { DecisionFacts } from '../reference-port';
import { routingView, type RoutingOutput } from '../views/routing-view';
import { systemActor, type ServiceContext } from '../service-context';
import { mandateId, type MandateKind } from '../domain/mandate-kinds';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/** A process asked to issue a mandate to someone the platform's routing does not name: not retried. */
export class RecipientMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecipientMismatch';
  }
}

/** Evaluates the platform's routing decision for a case (the engine's `routing-<P>`, deployed by the platform). */
export type RouteCase = (c: {
  province: string;
  nis: string;
  measure: string;
  electronicMonitoring: boolean;
  language: string;
}) => Promise<RoutingOutput>;

/**
 * What the platform's routing names for a decision's current domicile and a kind of mandate: the
 * recipient (null: none known, the coordinator assigns one) and whether the region is live.
 */
export async function routedRecipient(
  ctx: ServiceContext,
  d: DecisionRow,
  kind: MandateKind,
  route: RouteCase,
): Promise<{ agencyId: string | null; live: boolean }> {
  const input = JSON.parse(d.input_json) as DecisionFacts;
  const electronicMonitoring = involvesElectronicMonitoring(d.measure, input.electronicMonitoring);
  const out = await route({
    province: d.province,
    nis: d.nis,
    measure: d.measure,
    electronicMonitoring,
    language: d.language,
  });
  const agencyId =
    routingView(out, { nis: d.nis, measure: d.measure, electronicMonitoring }, ctx.reference).recipients.find(
      (r) => r.kind === kind,
    )?.agencyId ?? null;
  return { agencyId, live: out.live === true };
}

/**
 * Who may receive a mandate a process issues: the recipient the platform's own routing names for
 * the decision and that kind, or one a coordinator recorded for it (a mandate of that decision and
 * kind they issued or assigned by hand). A process model is data an analyst deploys, so the name it
 * carries is checked, never trusted: anything else throws RecipientMismatch, which the worker turns
 * into an incident naming both, and no mandate (with the person's data) goes out. `null` (the
 * coordinator assigns by hand) is always allowed. A mandate already issued (a redelivered job)
 * passed this check when it was created. `decision`: the row as the caller read it (else read here);
 * `routed`: `routedRecipient` of that row and kind, when the caller started it already.
 */
export async function checkProcessRecipient(
  ctx: ServiceContext,
  req: { decisionId: string; kind: MandateKind; recipientId: string | null },
  route: RouteCase,
  decision?: DecisionRow,
  routed?: Promise<{ agencyId: string | null }>,
): Promise<void> {
  if (req.recipientId === null) return;
  const d = decision ?? (await findDecision(ctx.db, req.decisionId));
  if (!d) return; // issueMandate answers "not found"
  // The routing first: it names the process's recipient in all but rare cases, and needs no read.
  const named = (await (routed ?? routedRecipient(ctx, d, req.kind, route))).agencyId;
  if (named === req.recipientId) return;
  const issued = await ctx.db
    .selectFrom('mandates')
    .select('id')
    .where('id', '=', mandateId(d.seq, req.kind))
    .executeTakeFirst();
  if (issued) return;
  const assigned = await ctx.db
    .selectFrom('mandates')
    .select('id')
    .where('decision_id', '=', d.id)
    .where('kind', '=', req.kind)
    .where('recipient_id', '=', req.recipientId)
    .executeTakeFirst();
  if (assigned) return;
  await ctx.audit.append({
    ...systemActor('iplus:issue-mandate'),
    action: 'mandate.issue',
    object: d.id,
    justification: `process named ${req.recipientId}, routing names ${named ?? 'nobody'}`,
    outcome: 'denied',
  });
  throw new RecipientMismatch(
    `recipient mismatch: the process asks to issue the ${req.kind} mandate of ${d.id} to ${req.recipientId}, ` +
      `but the platform's routing of ${d.province} names ${named ?? 'no recipient (manual assignment)'} and no coordinator ` +
      'assigned it: no mandate was issued. Fix the process model (take the recipient from the routing decision), ' +
      'then resolve the incident; or issue the mandate by hand (POST /api/mandates).',
  );
}
