import type { ReferenceData } from '../reference/types';

/**
 * Which regions are live on iplus. Rollout is per province and judicial arrondissement; a case in a
 * region that is not live takes the old channel (the coordinator is notified, nothing is sent).
 */
export interface ProvinceRollout {
  province: string;
  /**
   * The value of the table's default row, for an arrondissement not listed or unknown (a NIS code
   * the routes table does not know). Generated tables keep it false: a case whose region is not
   * known never goes out as if live.
   */
  live: boolean;
  arrondissements: Array<{ name: string; live: boolean }>;
}

/** The first region of the real rollout: Hainaut. Every other province starts not live. */
export const FIRST_LIVE_PROVINCES: readonly string[] = ['BE-WHT'];

/**
 * The rollout the generated tables start with: every arrondissement of a province listed, live in
 * Hainaut (BE-WHT), not live elsewhere, and the default row not live; the coordinator or admin switches regions on through
 * PUT /api/routing/rollout, which rewrites the rollout decision (`withRollout`).
 */
export function initialRollout(reference: ReferenceData, province: string): ProvinceRollout {
  const live = FIRST_LIVE_PROVINCES.includes(province);
  const arrondissements =
    reference.provinces().find((p) => p.code === province)?.judicialArrondissements ?? [];
  return { province, live: false, arrondissements: arrondissements.map((name) => ({ name, live })) };
}

/** Whether `arrondissement` is live under `rollout` (the default row answers for unlisted ones). */
export function isLive(rollout: ProvinceRollout, arrondissement: string | null): boolean {
  return rollout.arrondissements.find((a) => a.name === arrondissement)?.live ?? rollout.live;
}

/**
 * The rollout after switching one arrondissement (or, with null, every listed arrondissement of the
 * province) on or off. The default row keeps its value (see `live`).
 */
export function switchRollout(
  rollout: ProvinceRollout,
  arrondissement: string | null,
  live: boolean,
): ProvinceRollout {
  if (arrondissement === null) {
    return { ...rollout, arrondissements: rollout.arrondissements.map((a) => ({ ...a, live })) };
  }
  const known = rollout.arrondissements.some((a) => a.name === arrondissement);
  return {
    ...rollout,
    arrondissements: known
      ? rollout.arrondissements.map((a) => (a.name === arrondissement ? { ...a, live } : { ...a }))
      : [...rollout.arrondissements.map((a) => ({ ...a })), { name: arrondissement, live }],
  };
}
