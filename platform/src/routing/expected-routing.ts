import type { ReferenceData } from '../reference/types';
import { MANDATE_KINDS, type MandateKind } from '@iplus/contract';
import type { RoutingOutput } from '../views/routing-view';
import { initialRollout, isLive, type ProvinceRollout } from './rollout-state';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';
import { justiceHouseFor, monitoringCentreFor } from './routing-rules';

/**
 * Where a case goes, computed straight from the reference data rather than through the DMN tables:
 * the oracle the tests (and the routing property test of issue 8) compare the tables with. Null for
 * an unknown NIS code. `rollout` defaults to the initial rollout of the municipality's province.
 */
export function expectedRouting(
  reference: ReferenceData,
  nis: string,
  measure: string,
  language: string | null | undefined,
  electronicMonitoring: boolean | null | undefined,
  rollout?: ProvinceRollout,
): RoutingOutput | null {
  const municipality = reference.municipality(nis);
  if (!municipality) return null;
  const state = rollout ?? initialRollout(reference, municipality.province);
  return {
    policeZoneId: municipality.policeZoneId,
    justiceHouseId: justiceHouseFor(municipality, language, (id) => reference.agency(id)),
    monitoringCentreId: monitoringCentreFor(
      municipality,
      language,
      involvesElectronicMonitoring(measure, electronicMonitoring),
    ),
    parquetId: municipality.parquetId,
    judicialArrondissement: municipality.judicialArrondissement,
    live: isLive(state, municipality.judicialArrondissement),
  };
}

/**
 * The oracle's preview, computed from the reference data for the tests. Not what the API serves:
 * GET /api/routing/preview is `previewRouting` in preview-routing.ts (the engine's DMN answer).
 */
export interface RoutingPreview extends RoutingOutput {
  nis: string;
  measure: string;
  province: string;
  recipients: Array<{ kind: MandateKind; agencyId: string | null }>;
  /** Mandate kinds with no recipient: the coordinator assigns them by hand. */
  manualAssignment: MandateKind[];
  notes: string[];
}

/**
 * "Where would this case go?" without starting anything: the routing result plus the mandates the
 * process would issue, which of them need manual assignment, and why. Null for an unknown NIS code.
 */
export function expectedPreview(
  reference: ReferenceData,
  request: { nis: string; measure: string; language?: string | null; electronicMonitoring?: boolean | null },
  rollout?: ProvinceRollout,
): RoutingPreview | null {
  const { nis, measure, language, electronicMonitoring } = request;
  const result = expectedRouting(reference, nis, measure, language, electronicMonitoring, rollout);
  const municipality = reference.municipality(nis);
  if (!result || !municipality) return null;
  const agencyFor: Record<MandateKind, string | null> = {
    police_check: result.policeZoneId,
    guidance: result.justiceHouseId,
    monitoring: result.monitoringCentreId,
  };
  const monitoring = involvesElectronicMonitoring(measure, electronicMonitoring);
  const kinds = MANDATE_KINDS.filter((k) => k !== 'monitoring' || monitoring);
  const recipients = kinds.map((kind) => ({ kind, agencyId: agencyFor[kind] }));
  const manualAssignment = recipients.filter((r) => r.agencyId === null).map((r) => r.kind);
  const notes: string[] = [];
  if (result.policeZoneId === null) notes.push('no known police zone for this municipality');
  if (result.justiceHouseId === null) {
    notes.push(
      municipality.justiceHouseIds.length > 1
        ? `two justice houses serve this municipality; the language of the case (fr or nl) decides and none was given`
        : 'no justice house established for this municipality',
    );
  }
  if (monitoring && result.monitoringCentreId === null)
    notes.push('the language of the case (fr or nl) decides the monitoring centre in Brussels');
  if (!result.live)
    notes.push(`${result.judicialArrondissement} is not live on iplus yet: the case takes the old channel`);
  return { nis, measure, province: municipality.province, ...result, recipients, manualAssignment, notes };
}
