import { parseCsv } from './csv';
import { coordinationAgencies } from './coordination-agencies';
import { buildCoverage } from './coverage';
import { municipalitySearch } from './municipality-search';
import { PROVINCES } from './provinces';
import type { Agency, AgencyKind, LanguageArea, Municipality, Names, ReferenceData } from './types';

/** The text of the shipped CSV files (platform/reference-data/), by file name without `.csv`. */
export interface ReferenceFiles {
  municipalities: string;
  postal_codes: string;
  police_zones: string;
  agencies: string;
}

const AGENCY_KINDS: readonly AgencyKind[] = [
  'parquet',
  'justice_house',
  'police_zone',
  'em_centre',
  'prison',
];
const LANGUAGE_AREAS: readonly LanguageArea[] = ['nl', 'fr', 'de', 'fr-nl'];

/**
 * Turns the shipped CSV files into the lookups the platform uses. Pure: the caller reads the files.
 * Throws when the files contradict themselves (an agency id that does not exist, an unknown
 * language area…): that is a bug in the shipped data, which the unit tests would catch first.
 */
export function buildReferenceData(files: ReferenceFiles): ReferenceData {
  const agencyRows = parseCsv(files.agencies);
  const zoneRows = parseCsv(files.police_zones);
  const postalRows = parseCsv(files.postal_codes);
  const agencies = new Map<string, Agency>();
  for (const row of agencyRows) {
    if (!AGENCY_KINDS.includes(row.kind as AgencyKind))
      throw new Error(`agency ${row.id} has unknown kind ${row.kind}`);
    agencies.set(row.id!, {
      id: row.id!,
      kind: row.kind as AgencyKind,
      name: names(row),
      language: row.language!,
      ...(row.judicial_arrondissement ? { judicialArrondissement: row.judicial_arrondissement } : {}),
      ...(row.municipality_nis ? { seatNis: row.municipality_nis } : {}),
    });
  }
  const uncodedZoneIds = new Map<string, string>();
  for (const agency of agencies.values()) {
    if (agency.kind === 'police_zone' && !/^PZ-[0-9]{4}$/.test(agency.id)) {
      for (const name of Object.values(agency.name)) uncodedZoneIds.set(name!, agency.id);
    }
  }

  const postalCodesByNis = new Map<string, Set<string>>();
  const localitiesByNis = new Map<string, string[]>();
  for (const row of postalRows) {
    const codes = postalCodesByNis.get(row.nis_code!) ?? new Set<string>();
    codes.add(row.postal_code!);
    postalCodesByNis.set(row.nis_code!, codes);
    localitiesByNis.set(row.nis_code!, [...(localitiesByNis.get(row.nis_code!) ?? []), row.locality!]);
  }

  const municipalities: Municipality[] = parseCsv(files.municipalities).map((row) => {
    const nis = row.nis_code!;
    const languageArea = row.language_area as LanguageArea;
    if (!LANGUAGE_AREAS.includes(languageArea))
      throw new Error(`municipality ${nis} has language area ${languageArea}`);
    const policeZoneId = row.police_zone_code
      ? `PZ-${row.police_zone_code}`
      : row.police_zone_name
        ? (uncodedZoneIds.get(row.police_zone_name) ?? null)
        : null;
    const parquetId = parquetIdOf(row.parquet!);
    const justiceHouseIds = row.justice_house_id ? row.justice_house_id.split(';') : [];
    for (const id of [policeZoneId, parquetId, ...justiceHouseIds]) {
      if (id !== null && !agencies.has(id))
        throw new Error(`municipality ${nis} refers to unknown agency ${id}`);
    }
    return {
      nis,
      name: names(row),
      postalCodes: [...(postalCodesByNis.get(nis) ?? [])].sort(),
      province: row.province_code || 'BE-BRU',
      region: row.region!,
      languageArea,
      judicialArrondissement: row.judicial_arrondissement!,
      judicialDivision: row.judicial_division || null,
      parquetId,
      policeZoneId,
      justiceHouseIds,
    };
  });
  const byNis = new Map(municipalities.map((m) => [m.nis, m]));
  const byPostalCode = new Map<string, Municipality[]>();
  for (const m of municipalities) {
    for (const code of m.postalCodes) byPostalCode.set(code, [...(byPostalCode.get(code) ?? []), m]);
  }

  assignProvinces(agencies, municipalities, byNis);
  for (const agency of coordinationAgencies()) agencies.set(agency.id, agency);
  const agencyList = [...agencies.values()];
  const provinces = PROVINCES.map((p) => ({
    code: p.code,
    name: { ...p.name },
    judicialArrondissements: [
      ...new Set(municipalities.filter((m) => m.province === p.code).map((m) => m.judicialArrondissement)),
    ].sort(),
  }));
  const search = municipalitySearch(municipalities, localitiesByNis);
  const coverage = buildCoverage({
    municipalities,
    agencies: agencyList,
    zoneRows,
    postalCodeCount: byPostalCode.size,
  });

  return {
    municipality: (nis) => byNis.get(nis),
    municipalities: () => municipalities,
    municipalitiesByPostalCode: (code) => [...(byPostalCode.get(code) ?? [])],
    searchMunicipalities: search,
    agency: (id) => agencies.get(id),
    agencies: (kind) => (kind === undefined ? agencyList : agencyList.filter((a) => a.kind === kind)),
    provinces: () =>
      provinces.map((p) => ({ ...p, judicialArrondissements: [...p.judicialArrondissements] })),
    coverage: () => structuredClone(coverage),
  };
}

function names(row: Record<string, string>): Names {
  return {
    ...(row.name_fr ? { fr: row.name_fr } : {}),
    ...(row.name_nl ? { nl: row.name_nl } : {}),
    ...(row.name_de ? { de: row.name_de } : {}),
  };
}

/** Parquet names in municipalities.csv ('Mons-Tournai', 'Bruxelles/Brussel') to agency ids. */
export function parquetIdOf(parquet: string): string {
  if (parquet === 'Bruxelles/Brussel') return 'PAR-BRUXELLES';
  const slug = parquet
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, '-');
  return `PAR-${slug}`;
}

/** Sets `province` on each agency whose municipalities (or seat, for prisons) all lie in one province. */
function assignProvinces(
  agencies: Map<string, Agency>,
  municipalities: Municipality[],
  byNis: Map<string, Municipality>,
): void {
  const served = new Map<string, Set<string>>();
  const add = (id: string | null, province: string) => {
    if (id === null) return;
    served.set(id, (served.get(id) ?? new Set()).add(province));
  };
  for (const m of municipalities) {
    add(m.parquetId, m.province);
    add(m.policeZoneId, m.province);
    for (const id of m.justiceHouseIds) add(id, m.province);
  }
  for (const agency of agencies.values()) {
    const provinces = served.get(agency.id);
    if (provinces?.size === 1) agency.province = [...provinces][0];
    else if (agency.kind === 'prison' && agency.seatNis)
      agency.province = byNis.get(agency.seatNis)?.province;
  }
}
