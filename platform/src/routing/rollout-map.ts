import type { ReferenceLookup, Names } from '../reference-port';
import type { EnginePort } from '../engine-port';
import { defaultLanguage, evaluateRouting } from './preview-routing';

/** What routing applies to a region today: every municipality live, none, or some of each. */
export type RegionState = 'live' | 'old_channel' | 'mixed';

/** One municipality as routing sees it today (the engine's answer to a preview of an EM case). */
export interface RoutedMunicipality {
  nis: string;
  name: Names;
  /** The judicial arrondissement the routes table gives (the reference's when the table gives none). */
  arrondissement: string;
  policeZoneId: string | null;
  /** The police zone's name, for the picture's grouping. */
  policeZoneName: Names | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  live: boolean;
}

/** Counts of a region's municipalities per state, and the state they make together. */
export interface RegionCount {
  state: RegionState;
  liveMunicipalities: number;
  oldChannelMunicipalities: number;
}

/** The state of a set of municipalities: live when all are, old channel when none is, else mixed. */
export function regionCount(municipalities: ReadonlyArray<{ live: boolean }>): RegionCount {
  const live = municipalities.filter((m) => m.live).length;
  const old = municipalities.length - live;
  return {
    state: old === 0 && live > 0 ? 'live' : live === 0 ? 'old_channel' : 'mixed',
    liveMunicipalities: live,
    oldChannelMunicipalities: old,
  };
}

/** How many routing evaluations run at once: enough to hide the round trip, few for a small machine. */
const PARALLEL = 8;

/**
 * Every municipality of a province as routing would send a case today. It calls `evaluateRouting`,
 * the very function behind `GET /api/routing/preview`, on the decision processes use (latest
 * deployed version), so the rollout page cannot say something routing does not do. The case
 * evaluated is one with electronic monitoring in the municipality's default language, so the answer
 * names all three recipients.
 */
export async function routedMunicipalities(
  engine: EnginePort,
  reference: ReferenceLookup,
  province: string,
): Promise<RoutedMunicipality[]> {
  const municipalities = reference.municipalities().filter((m) => m.province === province);
  const out: RoutedMunicipality[] = new Array(municipalities.length);
  let next = 0;
  const run = async () => {
    for (let i = next++; i < municipalities.length; i = next++) {
      const m = municipalities[i]!;
      const r = await evaluateRouting(engine, {
        province,
        nis: m.nis,
        measure: 'electronic_monitoring',
        electronicMonitoring: true,
        language: defaultLanguage(m.languageArea),
      });
      out[i] = {
        nis: m.nis,
        name: m.name,
        arrondissement: r.judicialArrondissement ?? m.judicialArrondissement,
        policeZoneId: r.policeZoneId,
        policeZoneName: r.policeZoneId ? (reference.agency(r.policeZoneId)?.name ?? null) : null,
        justiceHouseId: r.justiceHouseId,
        monitoringCentreId: r.monitoringCentreId,
        live: r.live,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, municipalities.length) }, run));
  return out;
}

/** A province's truthful rollout: its state, each arrondissement's, and each municipality's. */
export interface ProvinceRolloutView extends RegionCount {
  province: string;
  arrondissements: Array<
    RegionCount & {
      name: string;
      /** The arrondissement's row in the rollout table (what a switch changes). */
      switchedLive: boolean;
    }
  >;
  municipalities: RoutedMunicipality[];
}

/**
 * Groups a province's routed municipalities by arrondissement, in the order of `names` (the
 * province's arrondissements), then any other arrondissement a coordinator's table names.
 */
export function provinceView(
  province: string,
  names: readonly string[],
  switches: ReadonlyArray<{ name: string; live: boolean }>,
  fallbackLive: boolean,
  municipalities: RoutedMunicipality[],
): ProvinceRolloutView {
  const all = [...new Set([...names, ...municipalities.map((m) => m.arrondissement)])];
  return {
    province,
    ...regionCount(municipalities),
    arrondissements: all.map((name) => ({
      name,
      switchedLive: switches.find((s) => s.name === name)?.live ?? fallbackLive,
      ...regionCount(municipalities.filter((m) => m.arrondissement === name)),
    })),
    municipalities: [...municipalities].sort((a, b) =>
      (a.name.fr ?? a.name.nl ?? a.name.de ?? a.nis).localeCompare(
        b.name.fr ?? b.name.nl ?? b.name.de ?? b.nis,
        'fr',
      ),
    ),
  };
}
