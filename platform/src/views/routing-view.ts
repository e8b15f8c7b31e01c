import type { ReferenceLookup } from '../reference-port';

/** What the routing DMN decision `routing-<P>` returns. */
export interface RoutingOutput {
  policeZoneId: string | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  parquetId: string | null;
  judicialArrondissement: string | null;
  live: boolean;
}

/** The contract's Routing: the DMN output plus who receives what and what needs a human. */
export interface RoutingView extends RoutingOutput {
  nis: string;
  measure: string;
  province: string;
  recipients: Array<{ kind: 'police_check' | 'guidance' | 'monitoring'; agencyId: string | null }>;
  manualAssignment: string[];
  notes: string[];
}

/** Reads a DMN output defensively: anything missing is null, `live` only when exactly true. */
export function asRoutingOutput(raw: unknown): RoutingOutput {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    policeZoneId: str(o.policeZoneId),
    justiceHouseId: str(o.justiceHouseId),
    monitoringCentreId: str(o.monitoringCentreId),
    parquetId: str(o.parquetId),
    judicialArrondissement: str(o.judicialArrondissement),
    live: o.live === true,
  };
}

/**
 * Builds the contract's Routing. The recipients follow the process model: police zone and justice
 * house always, the monitoring centre with electronic monitoring; a recipient the reference data does
 * not know is listed for manual assignment by the coordinator, never guessed.
 */
export function routingView(
  out: RoutingOutput,
  c: { nis: string; measure: string; electronicMonitoring: boolean },
  reference: ReferenceLookup,
): RoutingView {
  const m = reference.municipality(c.nis);
  const recipients: RoutingView['recipients'] = [
    { kind: 'police_check', agencyId: out.policeZoneId },
    { kind: 'guidance', agencyId: out.justiceHouseId },
  ];
  if (c.electronicMonitoring) recipients.push({ kind: 'monitoring', agencyId: out.monitoringCentreId });
  const manualAssignment = recipients.filter((r) => r.agencyId === null).map((r) => r.kind);
  const notes: string[] = [];
  if (out.policeZoneId === null)
    notes.push('no known police zone for this municipality: the coordinator assigns one');
  if (out.justiceHouseId === null)
    notes.push('no known justice house for this municipality: the coordinator assigns one');
  if (c.electronicMonitoring && out.monitoringCentreId === null)
    notes.push('no monitoring centre found: the coordinator assigns one');
  if (!out.live)
    notes.push('this region is not live yet: the case takes the old channel (the coordinator is notified)');
  return {
    ...out,
    nis: c.nis,
    measure: c.measure,
    province: m?.province ?? '',
    recipients,
    manualAssignment: out.live ? manualAssignment : [],
    notes,
  };
}
