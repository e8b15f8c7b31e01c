import type { NewAddress } from '@iplus/contract';
import { invalid } from '../errors';
import type { ReferenceLookup } from '../reference-port';

/**
 * The municipality of a new domicile (a move, an address on release): its NIS code, or its postal
 * code when that names one municipality. Throws a 400 naming the field otherwise. A new address
 * always has its postal code (the contract's `NewAddress`; the HTTP schemas require it).
 */
export function municipalityOf(
  reference: ReferenceLookup,
  domicile: NewAddress,
  field: string,
): { nis: string; province: string } {
  if (domicile.municipalityNis) {
    const m = reference.municipality(domicile.municipalityNis);
    if (!m) {
      throw invalid([
        {
          field: `${field}.municipalityNis`,
          code: 'nis_unknown',
          message: `NIS code ${domicile.municipalityNis} is not a Belgian municipality; search GET /api/municipalities?q=`,
        },
      ]);
    }
    return { nis: m.nis, province: m.province };
  }
  const candidates = reference.municipalitiesByPostalCode(domicile.postalCode);
  if (candidates.length === 1) return { nis: candidates[0]!.nis, province: candidates[0]!.province };
  throw invalid([
    {
      field: `${field}.postalCode`,
      code: candidates.length === 0 ? 'postal_code_unknown' : 'postal_code_ambiguous',
      message:
        candidates.length === 0
          ? `postal code ${domicile.postalCode} is not in the reference data; give municipalityNis`
          : `postal code ${domicile.postalCode} covers ${candidates.map((c) => c.nis).join(', ')}: give municipalityNis`,
    },
  ]);
}
