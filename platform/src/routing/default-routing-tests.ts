import type { Municipality, ReferenceData } from '../reference/types';
import { expectedRouting } from './expected-routing';
import { annotationName } from './routing-decisions';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';

/** A saved test case of a routing table (docs/API-CONTRACT.md, RoutingTest; `language` added for Brussels). */
export interface RoutingTest {
  name: string;
  nis: string;
  measure: string;
  language?: string;
  expect: {
    policeZoneId?: string | null;
    justiceHouseId?: string | null;
    monitoringCentreId?: string | null;
    parquetId?: string | null;
    judicialArrondissement?: string | null;
    live?: boolean;
  };
}

/**
 * The saved test cases a province's routing table ships with (`bpmn/routing/<P>.tests.json`): the
 * seat of each parquet, every municipality with a gap (null expected: no guessing), each language
 * case of Brussels, the German-speaking area, and an electronic-monitoring case. `live` is left out
 * on purpose: switching a region on or off must not fail the table's own tests.
 */
export function defaultRoutingTests(reference: ReferenceData, province: string): RoutingTest[] {
  const inProvince = reference.municipalities().filter((m) => m.province === province);
  const picked: Array<{ m: Municipality; why: string; measure?: string; language?: string }> = [];
  const seen = new Set<string>();
  const pick = (
    m: Municipality | undefined,
    why: string,
    extra: { measure?: string; language?: string } = {},
  ) => {
    const key = `${m?.nis}/${extra.measure ?? ''}/${extra.language ?? ''}`;
    if (!m || seen.has(key)) return;
    seen.add(key);
    picked.push({ m, why, ...extra });
  };
  if (province === 'BE-WHT') pick(reference.municipality('57097'), 'Comines-Warneton (the end-to-end case)');
  const parquets = [...new Set(inProvince.map((m) => m.parquetId))].sort();
  for (const parquetId of parquets) {
    const seat = reference.agency(parquetId ?? '')?.seatNis;
    const members = inProvince.filter((m) => m.parquetId === parquetId);
    pick(members.find((m) => m.nis === seat) ?? members[0], `parquet ${parquetId}`);
  }
  for (const m of inProvince.filter((x) => x.policeZoneId === null)) pick(m, 'no known police zone');
  for (const m of inProvince.filter((x) => x.justiceHouseIds.length === 0))
    pick(m, 'no justice house established');
  const german = inProvince.find((m) => m.languageArea === 'de');
  if (german) {
    pick(german, 'German-speaking area');
    pick(german, 'German-speaking area, electronic monitoring', { measure: 'electronic_monitoring' });
  }
  const brussels = inProvince.find((m) => m.languageArea === 'fr-nl');
  if (brussels) {
    for (const language of ['fr', 'nl']) {
      pick(brussels, `Brussels, case in ${language}`, { language });
      pick(brussels, `Brussels, case in ${language}, electronic monitoring`, {
        language,
        measure: 'electronic_monitoring',
      });
    }
  } else {
    pick(picked[0]?.m, 'electronic monitoring', { measure: 'electronic_monitoring' });
  }
  return picked.map(({ m, why, measure = 'conditional_release', language }) => {
    const result = expectedRouting(
      reference,
      m.nis,
      measure,
      language,
      involvesElectronicMonitoring(measure, undefined),
    )!;
    const { live: _live, ...expect } = result;
    return {
      name: `${annotationName(m)} (${m.nis}): ${why}`,
      nis: m.nis,
      measure,
      ...(language ? { language } : {}),
      expect,
    };
  });
}
