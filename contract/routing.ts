/** Where a decision goes: the routing tables' answer for a municipality and a measure. */
import type { MandateKind } from './mandate-vocabulary';

export interface Recipient {
  kind: MandateKind;
  agencyId: string | null;
}

export interface Routing {
  nis: string;
  measure: string;
  province: string;
  judicialArrondissement: string | null;
  parquetId: string | null;
  policeZoneId: string | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  /** False while the region is not rolled out: the decision goes the old way. */
  live: boolean;
  recipients: Recipient[];
  manualAssignment?: string[];
  notes?: string[];
}

/** GET /api/routing/rollout: which provinces and arrondissements are live. */
export interface Rollout {
  provinces: Array<{
    province: string;
    live: boolean;
    arrondissements: Array<{ name: string; live: boolean }>;
  }>;
}

/** A deployed version of a province's routing table. */
export interface RoutingTableVersion {
  province: string;
  version: number;
  sha256: string;
  source: 'file' | 'api' | 'rollout';
  deployedAt: string;
  deployedBy: string;
  comment?: string;
  decisionKey: string | null;
}
