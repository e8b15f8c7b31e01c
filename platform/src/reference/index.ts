/**
 * Belgian reference data: the 565 municipalities (state of 1 January 2025) with their postcodes,
 * police zone, judicial arrondissement, parquet and justice houses; the agencies (parquets, justice
 * houses, police zones, monitoring centres, prisons, provincial coordination); the coverage report.
 * Data: platform/reference-data/ (own licences, see the README there).
 */
export type {
  Agency,
  AgencyKind,
  CoverageDoubt,
  CoverageEntry,
  CoverageReport,
  LanguageArea,
  Municipality,
  Names,
  Province,
  ReferenceData,
} from './types';
export { loadReferenceData, readReferenceFiles, REFERENCE_DATA_DIR } from './load-reference-data';
export { buildReferenceData, type ReferenceFiles } from './build-reference-data';
export { foldForSearch } from './municipality-search';
export { PROVINCES, PROVINCE_CODES } from './provinces';
export { REFERENCE_DATE, BRUSSELS_RULE } from './coverage';
