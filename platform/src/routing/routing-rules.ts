import type { Agency, Municipality } from '../reference/types';

/** The electronic-monitoring centres (reference data, agencies of kind em_centre). */
export const MONITORING_CENTRES = {
  flemish: 'EM-VCET',
  frenchSpeaking: 'EM-DSE-FWB',
  germanSpeaking: 'EM-ZEU-DG',
} as const;

/**
 * The monitoring centre for a case, or null. Flemish region → VCET; Walloon French-speaking area →
 * DSE (FWB); German-speaking area → ZEÜ; Brussels follows the language of the case (nl → VCET,
 * fr → DSE) and has none without a language. See COVERAGE.md, doubt "monitoring-centres".
 */
export function monitoringCentreFor(
  municipality: Municipality,
  language: string | null | undefined,
  monitoring: boolean,
): string | null {
  if (!monitoring) return null;
  switch (municipality.languageArea) {
    case 'nl':
      return MONITORING_CENTRES.flemish;
    case 'fr':
      return MONITORING_CENTRES.frenchSpeaking;
    case 'de':
      return MONITORING_CENTRES.germanSpeaking;
    case 'fr-nl':
      return language === 'nl'
        ? MONITORING_CENTRES.flemish
        : language === 'fr'
          ? MONITORING_CENTRES.frenchSpeaking
          : null;
  }
}

/**
 * The competent justice house, or null (the coordinator assigns one): the only house when there is
 * one; in Brussels, where two serve, the one whose language is the case's; none when the data
 * establish none.
 */
export function justiceHouseFor(
  municipality: Municipality,
  language: string | null | undefined,
  agency: (id: string) => Agency | undefined,
): string | null {
  const ids = municipality.justiceHouseIds;
  if (ids.length <= 1) return ids[0] ?? null;
  return ids.find((id) => agency(id)?.language === language) ?? null;
}
