/**
 * The shapes of docs/API-CONTRACT.md as the web UI reads them: the contract's (contract/, shared with
 * the platform and the node packages, bundled in by Vite), plus the few answers only the web reads.
 */
export * from '../../../contract/index';

export interface RoutingTableSummary {
  province: string;
  decisionId: string;
  version: number;
  deployedAt: string;
}

export interface RoutingExpectation {
  policeZoneId?: string | null;
  justiceHouseId?: string | null;
  monitoringCentreId?: string | null;
  live?: boolean;
}

export interface RoutingTest {
  name: string;
  nis: string;
  measure: string;
  expect: RoutingExpectation;
}

export interface RoutingTable {
  province: string;
  decisionId: string;
  version: number;
  xml: string;
  tests: RoutingTest[];
}

export interface RoutingVersion {
  version: number;
  deployedAt: string;
  deployedBy: string;
  comment?: string | null;
}

export interface ModelVersion {
  bpmnProcessId: string;
  version: number;
  key: string;
  deployedAt: string;
  deployedBy?: string;
}

export interface Timeliness {
  byProvince: Array<{ province: string; count: number; p50Ms: number; p90Ms: number }>;
  overdue: number;
  perDay: Array<{ day: string; uploaded: number; acknowledged: number }>;
}
