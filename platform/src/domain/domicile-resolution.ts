import type { Municipality, ReferenceData } from '../reference/types';
import type { FieldReader } from './field-reader';

const PATH = 'person.domicile';

/**
 * Finds the municipality (NIS code) of a domicile from its NIS code, its postal code, or both, and
 * records why when it cannot: a postcode shared by several municipalities needs the NIS code (the
 * message lists the candidates); an unknown NIS code is named. Returns the NIS code or undefined.
 */
export function resolveDomicile(
  read: FieldReader,
  reference: ReferenceData,
  given: { postalCode: string | undefined; nis: string | undefined },
): string | undefined {
  const { postalCode, nis } = given;
  let nisOk = false;
  if (nis !== undefined) {
    if (!/^[0-9]{5}$/.test(nis)) {
      read.fail(
        `${PATH}.municipalityNis`,
        'nis_format',
        `${PATH}.municipalityNis "${nis}" must be a 5-digit NIS code such as 57097`,
      );
    } else if (!reference.municipality(nis)) {
      read.fail(
        `${PATH}.municipalityNis`,
        'nis_unknown',
        `NIS code ${nis} is not a Belgian municipality (565 municipalities, state of 1 January 2025); search GET /api/municipalities?q=`,
      );
    } else {
      nisOk = true;
    }
  }
  if (postalCode !== undefined && !/^[1-9][0-9]{3}$/.test(postalCode)) {
    read.fail(
      `${PATH}.postalCode`,
      'postal_code_format',
      `${PATH}.postalCode "${postalCode}" must be 4 digits such as 7780`,
    );
    return undefined;
  }
  if (postalCode === undefined) {
    if (nis === undefined) {
      read.fail(
        `${PATH}.postalCode`,
        'required',
        `${PATH} needs postalCode or municipalityNis (or both) so the case can be routed`,
      );
    }
    return nisOk ? nis : undefined;
  }
  const candidates = reference.municipalitiesByPostalCode(postalCode);
  if (candidates.length === 0) {
    if (nisOk) return nis; // a postcode missing from the address register; the NIS code decides
    if (nis === undefined) {
      read.fail(
        `${PATH}.postalCode`,
        'postal_code_unknown',
        `postal code ${postalCode} is not in the reference data; check it, or give municipalityNis`,
      );
    }
    return undefined;
  }
  if (nis === undefined) {
    if (candidates.length === 1) return candidates[0]!.nis;
    read.fail(
      `${PATH}.municipalityNis`,
      'postal_code_ambiguous',
      `postal code ${postalCode} covers ${candidates.length} municipalities: give municipalityNis, one of ${list(candidates)}`,
    );
    return undefined;
  }
  if (!nisOk) return undefined;
  if (!candidates.some((m) => m.nis === nis)) {
    read.fail(
      `${PATH}.municipalityNis`,
      'postal_code_mismatch',
      `municipality ${nis} (${displayName(reference.municipality(nis)!)}) does not have postal code ${postalCode}; postal code ${postalCode} belongs to ${list(candidates)}`,
    );
    return undefined;
  }
  return nis;
}

function list(municipalities: Municipality[]): string {
  return municipalities.map((m) => `${m.nis} ${displayName(m)}`).join(', ');
}

/** A municipality's name for messages, in its own language ("Bruxelles / Brussel" in Brussels). */
export function displayName(m: Municipality): string {
  if (m.languageArea === 'fr-nl' && m.name.fr && m.name.nl && m.name.fr !== m.name.nl)
    return `${m.name.fr} / ${m.name.nl}`;
  const own = m.languageArea === 'fr-nl' ? undefined : m.name[m.languageArea];
  return own ?? m.name.fr ?? m.name.nl ?? m.name.de ?? m.nis;
}
