import type { DecisionInput, ParticularCondition } from '../../api/types';

/** The upload form's state: the decision as typed, before it becomes the API's DecisionInput. */
export interface UploadForm {
  reference: string;
  authority: string;
  court: string;
  decisionDate: string;
  measure: string;
  electronicMonitoring: boolean;
  prisonId: string;
  language: string;
  general: string[];
  particular: ParticularCondition[];
  nrn: string;
  lastName: string;
  firstNames: string;
  birthDate: string;
  street: string;
  number: string;
  box: string;
  postalCode: string;
  municipalityNis: string;
}

/** An empty form with the usual defaults: a TAP decision of conditional release, the three general conditions. */
export function emptyUploadForm(): UploadForm {
  return {
    reference: '',
    authority: 'sentence_enforcement_court',
    court: '',
    decisionDate: '',
    measure: 'conditional_release',
    electronicMonitoring: false,
    prisonId: '',
    language: '',
    general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
    particular: [],
    nrn: '',
    lastName: '',
    firstNames: '',
    birthDate: '',
    street: '',
    number: '',
    box: '',
    postalCode: '',
    municipalityNis: '',
  };
}

/** What the form sends: the contract's DecisionInput with its closed fields as typed (the platform checks them). */
export type DecisionDraft = Omit<DecisionInput, 'authority' | 'measure' | 'language' | 'conditions'> & {
  authority: string;
  measure: string;
  language?: string;
  conditions: { general: string[]; particular: ParticularCondition[] };
};

/**
 * A prison's form (issue 15): the only measure its director decides, the director as authority, the
 * officer's own prison (the platform refuses anything else from a prison).
 */
export function emptyPrisonUploadForm(prisonId: string): UploadForm {
  return { ...emptyUploadForm(), measure: 'prison_leave', authority: 'prison_director', prisonId };
}

/** The request body of the form: empty optional fields left out, the NRN as 11 digits. */
export function toDecisionInput(f: UploadForm): DecisionDraft {
  const input: DecisionDraft = {
    reference: f.reference.trim(),
    authority: f.authority,
    court: f.court.trim(),
    decisionDate: f.decisionDate,
    measure: f.measure,
    electronicMonitoring: f.electronicMonitoring,
    conditions: {
      general: [...f.general],
      particular: f.particular.map((p) => ({ ...p, text: p.text.trim() })),
    },
    person: {
      nrn: f.nrn.replace(/[\s.-]/g, ''),
      lastName: f.lastName.trim(),
      firstNames: f.firstNames.trim(),
      birthDate: f.birthDate,
      domicile: {
        street: f.street.trim(),
        number: f.number.trim(),
        postalCode: f.postalCode.trim(),
      },
    },
  };
  if (f.box.trim()) input.person.domicile.box = f.box.trim();
  if (f.municipalityNis) input.person.domicile.municipalityNis = f.municipalityNis;
  if (f.prisonId) input.prisonId = f.prisonId;
  if (f.language) input.language = f.language;
  if (!f.birthDate) delete (input.person as Partial<DecisionInput['person']>).birthDate;
  return input;
}
