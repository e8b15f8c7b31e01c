import type { MeasurePeriod } from '@iplus/contract';
import { measurePeriodOf } from '../domain/measure-period';
import type { TimelineEvent } from '@iplus/contract';
import type { ServiceContext } from '../service-context';
import { mandateView, type MandateView } from './mandate-view';
import { asRoutingOutput, routingView, type RoutingView } from './routing-view';
import { signalementView, type SignalementView } from './signalement-view';
import type { DecisionFacts } from '../reference-port';
import { timelineOf, type DecisionRow } from './decision-records';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';
import { readSnapshot } from '../store/database';

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
  measurePeriod: MeasurePeriod;
  routing: RoutingView | null;
  signalement: SignalementView | null;
  mandates: MandateView[];
  timeline: TimelineEvent[];
}

/** The decision with its routing, signalement, mandates and timeline (each event's delay since upload). */
export async function decisionView(ctx: ServiceContext, given: DecisionRow): Promise<DecisionView> {
  return (await decisionViewOf(ctx, given.id, given))!;
}

/**
 * The view of decision `id`, or undefined when there is none. The row is read on the same snapshot
 * as its mandates, signalement and timeline: a caller's copy (`given`, the fallback when the row is
 * gone) may predate a commit that changed the status together with the mandates.
 */
export async function decisionViewOf(
  ctx: ServiceContext,
  id: string,
  given?: DecisionRow,
): Promise<DecisionView | undefined> {
  const now = ctx.clock.now().toISOString();
  const { found, mandates, signalement, events } = await readSnapshot(ctx.db, async (trx) => ({
    found: (await trx.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst()) ?? given,
    mandates: await trx
      .selectFrom('mandates')
      .selectAll()
      .where('decision_id', '=', id)
      .orderBy('id')
      .execute(),
    signalement: await trx
      .selectFrom('signalements')
      .selectAll()
      .where('decision_id', '=', id)
      .executeTakeFirst(),
    events: await timelineOf(trx, id),
  }));
  if (!found) return undefined;
  const row = found;
  const input = JSON.parse(row.input_json) as DecisionFacts;
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
    measurePeriod: measurePeriodOf(row),
  };
}
