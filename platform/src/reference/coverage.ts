import { AGENCY_KINDS } from '@iplus/contract';
import type { Agency, AgencyKind, CoverageDoubt, CoverageEntry, CoverageReport, Municipality } from './types';

/** Reference date of the shipped data (state after the 2025 municipal mergers). */
export const REFERENCE_DATE = '2025-01-01';

/** Postal codes of the 2013 list absent from BeST Address (sources' README §5); not added. */
export const POSTAL_CODES_NOT_IN_REGISTER = ['3668', '3941', '4784', '4791', '6642', '6688', '6704', '6706'];

/** The rule that picks one of Brussels' two justice houses. */
export const BRUSSELS_RULE =
  'Both Brussels justice houses serve the 19 municipalities; the language of the proceedings decides: fr → MJ-BRUXELLES-FR, nl → JH-BRUSSEL-NL (routing input `language`; the upload requires it for a Brussels domicile).';

const GERMAN_SPEAKING = (m: Municipality) => m.languageArea === 'de';

/**
 * Counts and lists the gaps of the reference data and the doubts of its sources, with what routing
 * does about each: served at GET /api/reference/coverage and written to COVERAGE.md.
 */
export function buildCoverage(input: {
  municipalities: readonly Municipality[];
  agencies: readonly Agency[];
  zoneRows: ReadonlyArray<Record<string, string>>;
  postalCodeCount: number;
}): CoverageReport {
  const { municipalities, agencies, zoneRows } = input;
  const entry = (m: Municipality, reason: string): CoverageEntry => ({
    nis: m.nis,
    name: m.name.nl ?? m.name.fr ?? m.name.de ?? m.nis,
    province: m.province,
    reason,
  });
  const zoneNote = (name: string) => zoneRows.find((z) => z.zone_name === name && !z.zone_code)?.note ?? '';
  const unresolvedNote =
    zoneRows.find((z) => !z.zone_code && !z.zone_name)?.note ?? 'police zone not established';

  const withoutPoliceZone = municipalities
    .filter((m) => m.policeZoneId === null)
    .map((m) =>
      entry(
        m,
        `no known police zone (${unresolvedNote}) → police mandate to the coordinator for manual assignment`,
      ),
    );
  const policeZonesWithoutCode = agencies
    .filter((a) => a.kind === 'police_zone' && !/^PZ-[0-9]{4}$/.test(a.id))
    .map((a) => {
      const name = a.name.nl ?? a.name.fr ?? a.id;
      return {
        id: a.id,
        name,
        municipalities: municipalities.filter((m) => m.policeZoneId === a.id).map((m) => m.nis),
        note: zoneNote(name),
      };
    });
  const withoutJusticeHouse = municipalities
    .filter((m) => m.justiceHouseIds.length === 0)
    .map((m) =>
      entry(
        m,
        m.judicialDivision === null
          ? 'judicial division after the 2025 merger not established → guidance mandate to the coordinator'
          : 'moved between the Huy and Liège divisions in 2018; which house (MJ-HUY or MJ-LIEGE) serves it is not established → guidance mandate to the coordinator',
      ),
    );
  const withoutJudicialDivision = municipalities
    .filter((m) => m.judicialDivision === null)
    .map((m) => entry(m, '2025 merger across division boundaries; no legal text on the new division found'));
  const twoHouses = municipalities
    .filter((m) => m.justiceHouseIds.length > 1)
    .map((m) => entry(m, m.justiceHouseIds.join(' or ')));
  const agencyCounts = Object.fromEntries(
    AGENCY_KINDS.map((k) => [k, agencies.filter((a) => a.kind === k).length]),
  ) as Record<AgencyKind, number>;

  return {
    referenceDate: REFERENCE_DATE,
    counts: {
      municipalities: municipalities.length,
      withPoliceZone: municipalities.filter((m) => m.policeZoneId !== null).length,
      withPoliceZoneCode: municipalities.filter(
        (m) => m.policeZoneId !== null && /^PZ-[0-9]{4}$/.test(m.policeZoneId),
      ).length,
      withJusticeHouse: municipalities.filter((m) => m.justiceHouseIds.length > 0).length,
      withSingleJusticeHouse: municipalities.filter((m) => m.justiceHouseIds.length === 1).length,
      withJudicialDivision: municipalities.filter((m) => m.judicialDivision !== null).length,
      postalCodes: input.postalCodeCount,
      agencies: agencyCounts,
    },
    withoutPoliceZone,
    policeZonesWithoutCode,
    withoutJusticeHouse,
    withoutJudicialDivision,
    twoJusticeHouses: { rule: BRUSSELS_RULE, municipalities: twoHouses },
    postalCodesNotInRegister: [...POSTAL_CODES_NOT_IN_REGISTER],
    doubts: doubts(
      municipalities,
      zoneRows.find((z) => !z.zone_code && !z.zone_name)?.note ?? 'police zone not established',
    ),
  };
}

function doubts(municipalities: readonly Municipality[], unresolvedNote: string): CoverageDoubt[] {
  const nis = (predicate: (m: Municipality) => boolean) => municipalities.filter(predicate).map((m) => m.nis);
  return [
    {
      id: 'zone-codes-missing',
      title: 'Police zones whose number was not found (CARMA, Vlaamse Ardennen, Scheldewaas)',
      detail:
        'The zones and their members are known (Wikipedia, zone reports), their official numbers are not: CARMA may be 5909 (unverified), Vlaamse Ardennen may have kept 5425, Scheldewaas is named from Wikipedia only.',
      effect:
        'Routed to the ids PZ-CARMA, PZ-VLAAMSE-ARDENNEN and PZ-SCHELDEWAAS. When the numbers are confirmed, the ids change and agents of those zones must be re-attached.',
      municipalities: nis((m) => m.policeZoneId !== null && !/^PZ-[0-9]{4}$/.test(m.policeZoneId)),
    },
    {
      id: 'tongeren-zone-unresolved',
      title: 'Tongeren area: police zone unresolved',
      detail: unresolvedNote,
      effect:
        'Routing returns no police zone: the police mandate goes to the Limburg coordinator for manual assignment.',
      municipalities: nis((m) => m.policeZoneId === null),
    },
    {
      id: 'noord-limburg-not-applied',
      title: 'Noord-Limburg zone merger (2026) not applied',
      detail:
        'Zones 5371 Lommel, 5372 HANO and 5377 Kempenland were announced to merge in early 2026; the data stay at 2025-01-01 and the new code is unknown.',
      effect: 'Routed to the three former zones until the merger is confirmed and the data updated.',
      municipalities: nis((m) => ['PZ-5371', 'PZ-5372', 'PZ-5377'].includes(m.policeZoneId ?? '')),
    },
    {
      id: 'bkz-arrondissement-inferred',
      title: 'Beveren-Kruibeke-Zwijndrecht: judicial arrondissement inferred',
      detail:
        'Ex-Zwijndrecht belonged to the Antwerpen arrondissement; the whole municipality is put in Oost-Vlaanderen (parquet Oost-Vlaanderen) because its police zone Scheldewaas must lie in one arrondissement. No legal text found.',
      effect: 'Routed to PAR-OOST-VLAANDEREN; verify against the amended annex of the Code judiciaire.',
      municipalities: ['46030'],
    },
    {
      id: 'divisions-after-mergers',
      title: 'Court divisions after the 2025 mergers not established',
      detail:
        'Hasselt (ex-Kortessem), Tielt (ex-Meulebeke), Lokeren (ex-Moerbeke) and Beveren-Kruibeke-Zwijndrecht merged across division boundaries.',
      effect:
        'No division; where that leaves no justice house, the guidance mandate goes to the coordinator.',
      municipalities: nis((m) => m.judicialDivision === null),
    },
    {
      id: 'division-boundaries-stale',
      title: 'Division boundaries may predate the 2018 canton reform',
      detail:
        'Outside Liège and the Charleroi/Mons-Tournai split, divisions follow the former (pre-2014) judicial arrondissements; the 2018 reform may have moved border municipalities in Limburg, Antwerpen, Namur, Luxembourg, Hainaut and, from 2020, Flemish Brabant and both Flanders.',
      effect:
        'Justice-house routing follows the division and may be wrong for border municipalities; parquet and arrondissement routing are not affected. Verify against the consolidated AR of 14 March 2014.',
      municipalities: [],
    },
    {
      id: 'justice-house-territory',
      title: 'Justice-house territories not verified',
      detail:
        'Whether a house follows the current division or the former arrondissement was not established (the 6 Liège municipalities moved in 2018 have no house); whether French speakers in the Halle-Vilvoorde facility municipalities may use MJ Bruxelles was not verified.',
      effect:
        'Municipalities without a house send the guidance mandate to the coordinator; Halle-Vilvoorde routes to JH-HALLE.',
      municipalities: nis((m) => m.justiceHouseIds.length === 0 && m.judicialDivision !== null),
    },
    {
      id: 'monitoring-centres',
      title: 'Electronic-monitoring centre of the German-speaking area',
      detail:
        'Whether the German-speaking Community’s ZEÜ is its own centre or works through the cooperation agreement of 10 December 2014 was not established; its seat is unknown. The seat of the FWB DSE (ex-CSE) is taken to be Brussels.',
      effect:
        'Monitoring routes: Flemish region and Brussels nl → EM-VCET; Walloon French-speaking area and Brussels fr → EM-DSE-FWB; German-speaking area → EM-ZEU-DG. If ZEÜ turns out to work through the DSE, change the German-speaking rows of the BE-WLG monitoring table.',
      municipalities: nis(GERMAN_SPEAKING),
    },
    {
      id: 'postal-quirks',
      title: 'Address-register postal quirks kept as in the source',
      detail:
        'Some BeST locality names are not official sections (1410 lists Braine-l’Alleud and Ohain under Waterloo; holiday parks appear under 5540 and others); 3 postal codes cover two Brussels municipalities (1040, 1050, 1060).',
      effect:
        'A postcode that maps to several municipalities requires the NIS code at upload; clerks should give the NIS code when in doubt.',
      municipalities: [],
    },
  ];
}
