import { mayManageDecision } from '../auth/need-to-know';
import type { Principal } from '../auth/roles';
import { findDecision } from '../views/decision-records';
import { forbidden, notFound, UserError } from '../errors';
import type { DecisionFacts, ReferenceLookup } from '../reference-port';
import { asRoutingOutput, type RoutingOutput } from '../views/routing-view';
import type { ServiceContext } from '../service-context';
import { issueMandate } from './issue-mandate';
import { isMandateKind, MANDATE_KINDS, type MandateKind } from '../domain/mandate-kinds';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/** The agency kind that receives each mandate kind. */
export const RECIPIENT_KIND = {
  police_check: 'police_zone',
  guidance: 'justice_house',
  monitoring: 'em_centre',
} as const;

/** Throws 400 unless `agencyId` is a known agency of the kind this mandate kind goes to. */
export function checkRecipient(
  reference: ReferenceLookup,
  kind: MandateKind,
  agencyId: string,
  field = 'recipientId',
): void {
  const agency = reference.agency(agencyId);
  if (!agency || agency.kind !== RECIPIENT_KIND[kind]) {
    throw new UserError(
      400,
      'validation_failed',
      'Invalid recipient',
      `${agencyId} is not a known ${RECIPIENT_KIND[kind].replace('_', ' ')}`,
      [
        {
          field,
          code: 'invalid_recipient',
          message: `a ${kind} mandate goes to a ${RECIPIENT_KIND[kind]}; pick one from GET /api/agencies?kind=${RECIPIENT_KIND[kind]}`,
        },
      ],
    );
  }
}

/** Evaluates the routing of a case (the engine's routing decision); used when no recipient is given. */
export type RouteCase = (c: {
  nis: string;
  measure: string;
  electronicMonitoring: boolean;
  language: string;
  province: string;
}) => Promise<RoutingOutput>;

/**
 * A mandate issued by hand (`POST /api/mandates`), by the decision's parquet, its coordinator or an
 * admin. Without a recipient it is routed like the process would; it is then followed up by process
 * `mandate-follow-up` (acknowledgement deadline, escalation, report, breach).
 */
export async function createMandateByHand(
  ctx: ServiceContext,
  route: RouteCase,
  p: Principal,
  body: { decisionId: string; kind: string; recipientId?: string; deadline?: string },
  justification?: string,
): Promise<string> {
  if (!isMandateKind(body.kind)) {
    throw new UserError(
      400,
      'validation_failed',
      'Invalid kind',
      `kind must be one of ${MANDATE_KINDS.join(', ')}`,
      [{ field: 'kind', code: 'invalid_enum', message: `kind must be one of ${MANDATE_KINDS.join(', ')}` }],
    );
  }
  const kind = body.kind;
  const d = await findDecision(ctx.db, body.decisionId);
  if (!d) throw notFound('decision', body.decisionId);
  if (
    !mayManageDecision(p, { id: d.id, parquetId: d.parquet_id, province: d.province, prisonId: d.prison_id })
  ) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action: 'mandate.create',
      object: d.id,
      justification,
      outcome: 'denied',
    });
    throw forbidden(`decision ${d.id} belongs to ${d.parquet_id}; this attempt has been logged`);
  }
  let recipientId: string | null;
  if (body.recipientId) {
    checkRecipient(ctx.reference, kind, body.recipientId);
    recipientId = body.recipientId;
  } else {
    const input = JSON.parse(d.input_json) as DecisionFacts;
    const routing = d.routing_json
      ? asRoutingOutput(JSON.parse(d.routing_json))
      : await route({
          nis: d.nis,
          measure: d.measure,
          electronicMonitoring: involvesElectronicMonitoring(d.measure, input.electronicMonitoring),
          language: d.language,
          province: d.province,
        });
    recipientId =
      kind === 'police_check'
        ? routing.policeZoneId
        : kind === 'guidance'
          ? routing.justiceHouseId
          : routing.monitoringCentreId;
  }
  const { id } = await issueMandate(
    ctx,
    {
      decisionId: d.id,
      kind,
      recipientId,
      deadline: body.deadline ?? ctx.settings.ackDeadline,
      origin: 'manual',
      processInstanceKey: null,
    },
    { user: p.user, agencyId: p.agencyId, justification },
  );
  ctx.outbox.kick();
  return id;
}
