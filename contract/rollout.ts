/** The rollout cockpit's answers (`/api/routing/rollout…`, docs/API-CONTRACT.md "Rollout"). */
import type { Name } from './agency';

/** The state routing applies today in a region: every municipality live, none, or some. */
export const REGION_STATES = ['live', 'old_channel', 'mixed'] as const;
export type RegionState = (typeof REGION_STATES)[number];

/** A region's state with the number of its municipalities on each side. */
export interface RegionCount {
  state: RegionState;
  liveMunicipalities: number;
  oldChannelMunicipalities: number;
}

/** An arrondissement in the overview; `live` is its row in the rollout table. */
export interface RolloutArrondissement extends RegionCount {
  name: string;
  live: boolean;
}

/** A province in the overview; `live`: every municipality of the province is live. */
export interface RolloutProvinceSummary extends RegionCount {
  province: string;
  live: boolean;
  arrondissements: RolloutArrondissement[];
}

/** GET /api/routing/rollout: each province and arrondissement as routing treats it today. */
export interface Rollout {
  provinces: RolloutProvinceSummary[];
}

/** One municipality as routing sees it today. */
export interface RoutedMunicipality {
  nis: string;
  name: Name;
  arrondissement: string;
  policeZoneId: string | null;
  policeZoneName: Name | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  live: boolean;
}

/** An arrondissement of one province's rollout. */
export interface SwitchedArrondissement extends RegionCount {
  name: string;
  /** The arrondissement's row in the rollout table. */
  switchedLive: boolean;
}

/** GET /api/routing/rollout/{province}. */
export interface RolloutProvince extends RegionCount {
  province: string;
  arrondissements: SwitchedArrondissement[];
  municipalities: RoutedMunicipality[];
}

/** A recipient kind the rollout's readiness lists. */
export const READINESS_RECIPIENT_KINDS = ['police_zone', 'justice_house', 'em_centre'] as const;

/** GET /api/routing/rollout/{province}/readiness. */
export interface RolloutReadiness {
  province: string;
  arrondissements: Array<{
    name: string;
    ready: boolean;
    recipients: Array<{
      agencyId: string;
      kind: (typeof READINESS_RECIPIENT_KINDS)[number];
      name: Name;
      municipalities: number;
      activeUsers: number;
      activeTokens: number;
      /** Nobody would read this recipient's inbox. */
      unread: boolean;
    }>;
    tests: { total: number; failures: string[] };
    withoutZone: Array<{ nis: string; name: Name }>;
  }>;
}

/** One open old-channel case of a region. */
export interface OldChannelCase {
  decisionId: string;
  reference: string;
  nis: string;
  arrondissement: string;
  receivedAt: string;
}

/** GET /api/routing/rollout/{province}/old-channel. */
export interface OldChannelCases {
  cases: OldChannelCase[];
}

export const ROLLOUT_SWITCH_KINDS = ['switch', 'scheduled', 'rollback'] as const;
export const ROLLOUT_SWITCH_STATUSES = ['scheduled', 'applied', 'cancelled', 'failed'] as const;

/** One entry of the rollout history: who asked for which switch, when and why, and what became of it. */
export interface RolloutSwitch {
  id: string;
  province: string;
  arrondissement: string | null;
  live: boolean;
  kind: (typeof ROLLOUT_SWITCH_KINDS)[number];
  reason: string;
  resendOldChannel: boolean;
  requestedBy: string;
  requestedAt: string;
  dueAt: string | null;
  status: (typeof ROLLOUT_SWITCH_STATUSES)[number];
  processInstanceKey: string | null;
  doneAt: string | null;
  doneBy: string | null;
  tableVersion: number | null;
  detail: string;
}
