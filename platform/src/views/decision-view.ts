import type { ServiceContext } from '../service-context';
import { mandateView, type MandateView } from './mandate-view';
import { asRoutingOutput, routingView, type RoutingView } from './routing-view';
import { signalementView, type SignalementView } from './signalement-view';
import type { DecisionFacts } from '../reference-port';
import { timelineOf, type DecisionRow } from './decision-records';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/** The contract's Decision. */
export interface DecisionView {
  id: string;
  reference: string;
  status: string;
  processInstanceKey: string | null;
  parquetId: string;
  province: string;
  createdAt: string;
  input: DecisionFacts;
  documentSha256: string;
  routing: RoutingView | null;
  signalement: SignalementView | null;
  mandates: MandateView[];
  timeline: Array<{ at: string; event: string; mandateId?: string; agencyId?: string; delayMs: number }>;
}

/** The decision with its routing, signalement, mandates and timeline (each event's delay since upload). */
export async function decisionView(ctx: ServiceContext, row: DecisionRow): Promise<DecisionView> {
  const input = JSON.parse(row.input_json) as DecisionFacts;
  const now = ctx.clock.now();
  const [mandates, signalement, events] = await Promise.all([
    ctx.db.selectFrom('mandates').selectAll().where('decision_id', '=', row.id).orderBy('id').execute(),
    ctx.db.selectFrom('signalements').selectAll().where('decision_id', '=', row.id).executeTakeFirst(),
    timelineOf(ctx.db, row.id),
  ]);
  const uploaded = new Date(row.created_at).getTime();
  return {
    ...decisionSummary(row),
    routing: row.routing_json
      ? routingView(
          asRoutingOutput(JSON.parse(row.routing_json)),
          {
            nis: row.nis,
            measure: row.measure,
            electronicMonitoring: involvesElectronicMonitoring(row.measure, input.electronicMonitoring),
          },
          ctx.reference,
        )
      : null,
    signalement: signalement ? signalementView(signalement, input) : null,
    mandates: mandates.map((m) => mandateView(m, input, ctx.reference, now)),
    timeline: events.map((e) => ({
      at: e.at,
      event: e.event,
      ...(e.mandate_id ? { mandateId: e.mandate_id } : {}),
      ...(e.agency_id ? { agencyId: e.agency_id } : {}),
      delayMs: Math.max(0, new Date(e.at).getTime() - uploaded),
    })),
  };
}

/** A lighter Decision for lists: no mandates' personal data repeated, no timeline. */
export function decisionSummary(
  row: DecisionRow,
): Omit<DecisionView, 'routing' | 'signalement' | 'mandates' | 'timeline'> {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    processInstanceKey: row.process_instance_key,
    parquetId: row.parquet_id,
    province: row.province,
    createdAt: row.created_at,
    input: JSON.parse(row.input_json) as DecisionFacts,
    documentSha256: row.document_sha256,
  };
}
