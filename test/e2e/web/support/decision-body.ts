import { daysAgo } from './page-helpers';
import { makePdf } from './pdf';

/** A valid national register number of someone born in the 1900s (`yymmdd`, 3-digit sequence). */
export function nrnOf(yymmdd: string, sequence: string): string {
  return yymmdd + sequence + String(97 - (Number(yymmdd + sequence) % 97)).padStart(2, '0');
}

/**
 * The JSON body of `POST /api/decisions` for a decision of the Mons sentence enforcement court about
 * someone living in Comines-Warneton (routed to PZ-5318 and MJ-TOURNAI), with a small PDF.
 */
export function decisionBody(d: {
  reference: string;
  measure: string;
  nrn: string;
  lastName: string;
  firstNames: string;
  particular?: Array<{ type: string; category: string; text: string }>;
}): unknown {
  return {
    decision: {
      reference: d.reference,
      authority: 'sentence_enforcement_court',
      court: "Tribunal de l'application des peines de Mons",
      decisionDate: daysAgo(1),
      measure: d.measure,
      conditions: {
        general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
        particular: d.particular ?? [],
      },
      person: {
        nrn: d.nrn,
        lastName: d.lastName,
        firstNames: d.firstNames,
        domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
      },
    },
    document: {
      fileName: 'decision.pdf',
      contentBase64: makePdf(`Decision ${d.reference}`).toString('base64'),
    },
  };
}
