import type { Principal } from '../auth/roles';

/** A small but well-formed PDF, as a parquet would attach (tests only). */
export function samplePdf(text = 'Decision TAP Mons'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** The parquet clerk of Mons-Tournai who uploads `cominesDecision` (demo user clerk.mons), by token. */
export const monsClerk: Principal = {
  user: 'clerk.mons',
  role: 'parquet_clerk',
  agencyId: 'PAR-MONS-TOURNAI',
  language: 'fr',
  via: 'token',
};

/** A decision for a person domiciled in Comines-Warneton (NIS 57097; Hainaut, parquet Mons-Tournai). */
export function cominesDecision(reference = 'TAP-MONS-2026-000123', overrides: Record<string, unknown> = {}) {
  return {
    reference,
    authority: 'sentence_enforcement_court',
    court: "Tribunal de l'application des peines de Mons",
    decisionDate: '2026-11-20',
    measure: 'conditional_release',
    electronicMonitoring: false,
    prisonId: 'PRISON-TOURNAI',
    conditions: {
      general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
      particular: [{ type: 'prohibition', category: 'contact_ban', text: 'no contact with the victim' }],
    },
    person: {
      nrn: '85073003328',
      lastName: 'Dupont',
      firstNames: 'Jean Marie',
      birthDate: '1985-07-30',
      domicile: {
        street: 'Rue de la Gare',
        number: '12',
        box: '',
        postalCode: '7780',
        municipalityNis: '57097',
      },
    },
    ...overrides,
  };
}

/** A decision for a person domiciled in Gent (East Flanders, not live at first: the old channel). */
export function gentDecision(reference = 'SURB-GENT-2026-000077') {
  return cominesDecision(reference, {
    court: 'Strafuitvoeringsrechtbank Gent',
    prisonId: 'PRISON-GENT',
    language: 'nl',
    person: {
      nrn: '85073003328',
      lastName: 'Peeters',
      firstNames: 'Jan',
      birthDate: '1985-07-30',
      domicile: { street: 'Veldstraat', number: '1', postalCode: '9000', municipalityNis: '44021' },
    },
  });
}

/** The JSON upload body of POST /api/decisions. */
export function jsonUpload(decision: unknown, pdf: Buffer = samplePdf()) {
  return { decision, document: { fileName: 'decision.pdf', contentBase64: pdf.toString('base64') } };
}
