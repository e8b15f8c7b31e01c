/**
 * The cases the chaos load sends: municipalities of the live provinces (Hainaut, live from the
 * start; Luxembourg, switched live by the test) and of provinces not live (East Flanders, Brussels,
 * Liège), with valid national register numbers and varied names and measures.
 */
export interface Place {
  nis: string;
  postalCode: string;
  street: string;
  language?: 'fr' | 'nl' | 'de';
}

export const LIVE_PLACES: Place[] = [
  { nis: '57097', postalCode: '7780', street: 'Rue de la Gare' }, // Comines-Warneton
  { nis: '53053', postalCode: '7000', street: 'Grand-Place' }, // Mons
  { nis: '52011', postalCode: '6000', street: 'Boulevard Tirou' }, // Charleroi
  { nis: '57081', postalCode: '7500', street: 'Rue Royale' }, // Tournai
  { nis: '58001', postalCode: '7100', street: 'Rue Albert Ier' }, // La Louvière
  { nis: '56016', postalCode: '6460', street: 'Rue du Château' }, // Chimay
  { nis: '81001', postalCode: '6700', street: 'Grand-Rue' }, // Arlon (Luxembourg)
  { nis: '83034', postalCode: '6900', street: 'Rue des Brasseurs' }, // Marche-en-Famenne
  { nis: '84010', postalCode: '6830', street: 'Rue de France' }, // Bouillon
];

export const NOT_LIVE_PLACES: Place[] = [
  { nis: '44021', postalCode: '9000', street: 'Veldstraat', language: 'nl' }, // Gent
  { nis: '21004', postalCode: '1000', street: 'Rue Neuve', language: 'fr' }, // Bruxelles
  { nis: '62063', postalCode: '4000', street: 'Rue Léopold' }, // Liège
];

/** The province switched live by the test (besides Hainaut, live by default). */
export const SWITCHED_LIVE = 'BE-WLX';

const LAST = ['Dupont', 'Peeters', 'Lambert', 'Janssens', 'Müller', 'Dubois', 'Çelik', 'Van den Broeck'];
const FIRST = ['Jean', 'Marie', 'Luc', 'Anaïs', 'Pieter', 'Zoë', 'Mehmet', 'Hélène'];

/** A valid national register number (born 1950–1999) and the birth date it encodes. */
export function person(i: number): { nrn: string; birthDate: string; lastName: string; firstNames: string } {
  const yy = 50 + (i % 50);
  const mm = 1 + (i % 12);
  const dd = 1 + (i % 28);
  const serial = 1 + (i % 997);
  const base = `${pad(yy)}${pad(mm)}${pad(dd)}${String(serial).padStart(3, '0')}`;
  const check = 97 - (Number(base) % 97);
  return {
    nrn: `${base}${pad(check)}`,
    birthDate: `19${pad(yy)}-${pad(mm)}-${pad(dd)}`,
    lastName: LAST[i % LAST.length]!,
    firstNames: FIRST[(i * 7) % FIRST.length]!,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A DecisionInput (docs/API-CONTRACT.md) for case `i` in `place`. */
export function decisionInput(reference: string, i: number, place: Place, measure: string) {
  const p = person(i);
  return {
    reference,
    authority: 'sentence_enforcement_court',
    court: "Tribunal de l'application des peines",
    decisionDate: '2026-11-20',
    measure,
    conditions: {
      general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
      particular:
        i % 3 === 0
          ? [{ type: 'prohibition', category: 'contact_ban', text: `no contact with case ${i}` }]
          : [],
    },
    ...(place.language ? { language: place.language } : {}),
    person: {
      nrn: p.nrn,
      lastName: p.lastName,
      firstNames: p.firstNames,
      birthDate: p.birthDate,
      domicile: {
        street: place.street,
        number: String(1 + (i % 200)),
        postalCode: place.postalCode,
        municipalityNis: place.nis,
      },
    },
  };
}

/** The place of a municipality the run uses (by NIS code). */
export function placeOf(nis: string): Place | undefined {
  return [...LIVE_PLACES, ...NOT_LIVE_PLACES].find((p) => p.nis === nis);
}

/**
 * Where a move may go (issue 15): any live place, or Liège (a region not live whose routing does not
 * depend on the decision's language, unlike Brussels).
 */
export const MOVE_PLACES: Place[] = [...LIVE_PLACES, NOT_LIVE_PLACES.find((p) => p.nis === '62063')!];

/**
 * A measure period that ends at `endsAt` on the real clock the chaos processes run on: it starts
 * today (UTC) and lasts until then (a duration in seconds, which the contract accepts), so the
 * engine's `measureEnd` timer fires during the run.
 */
export function shortPeriod(endsAt: number): { measureStart: string; measureDuration: string } {
  const today = new Date(endsAt).toISOString().slice(0, 10);
  const seconds = Math.ceil((endsAt - Date.parse(`${today}T00:00:00Z`)) / 1000);
  return { measureStart: today, measureDuration: `PT${seconds}S` };
}

/** The domicile of a move to `place` (the number varies so each move is a new address). */
export function moveDomicile(place: Place, i: number) {
  return {
    street: place.street,
    number: String(200 + (i % 500)),
    postalCode: place.postalCode,
    municipalityNis: place.nis,
  };
}
