import type { Names } from '../../i18n/language';

/** What the rollout cockpit's API answers (docs/API-CONTRACT.md, "Rollout"). */
export type RegionState = 'live' | 'old_channel' | 'mixed';

export interface RegionCount {
  state: RegionState;
  liveMunicipalities: number;
  oldChannelMunicipalities: number;
}

export interface RolloutOverview {
  provinces: Array<
    RegionCount & {
      province: string;
      live: boolean;
      arrondissements: Array<RegionCount & { name: string; live: boolean }>;
    }
  >;
}

export interface RoutedMunicipality {
  nis: string;
  name: Names;
  arrondissement: string;
  policeZoneId: string | null;
  policeZoneName: Names | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  live: boolean;
}

export interface ProvinceRollout extends RegionCount {
  province: string;
  arrondissements: Array<RegionCount & { name: string; switchedLive: boolean }>;
  municipalities: RoutedMunicipality[];
}

export interface Readiness {
  province: string;
  arrondissements: Array<{
    name: string;
    ready: boolean;
    recipients: Array<{
      agencyId: string;
      kind: 'police_zone' | 'justice_house' | 'em_centre';
      name: Names;
      municipalities: number;
      activeUsers: number;
      activeTokens: number;
      unread: boolean;
    }>;
    tests: { total: number; failures: string[] };
    withoutZone: Array<{ nis: string; name: Names }>;
  }>;
}

export interface OldChannelCase {
  decisionId: string;
  reference: string;
  nis: string;
  arrondissement: string;
  receivedAt: string;
}

export interface RolloutSwitch {
  id: string;
  province: string;
  arrondissement: string | null;
  live: boolean;
  kind: 'switch' | 'scheduled' | 'rollback';
  reason: string;
  resendOldChannel: boolean;
  requestedBy: string;
  requestedAt: string;
  dueAt: string | null;
  status: 'scheduled' | 'applied' | 'cancelled' | 'failed';
  doneAt: string | null;
  doneBy: string | null;
  detail: string;
}
