import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The decision's fields as node parameters (Decision From: Fields Below), one per field of the
 * contract's DecisionInput, and the reading of them back into a DecisionInput for the API.
 */
export const decisionFieldProperties: INodeProperties[] = [
  {
    displayName: 'Reference',
    name: 'reference',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. TAP-MONS-2026-000123',
    description:
      "The court's or parquet's number of the decision. Uploading the same reference again with the same content returns the same decision.",
  },
  {
    displayName: 'Authority',
    name: 'authority',
    type: 'options',
    options: [
      { name: 'Court', value: 'court' },
      { name: 'Investigating Judge', value: 'investigating_judge' },
      { name: 'Minister', value: 'minister' },
      { name: 'Prison Director (Prison Leave)', value: 'prison_director' },
      { name: 'Sentence-Enforcement Court (TAP/SURB)', value: 'sentence_enforcement_court' },
    ],
    default: 'sentence_enforcement_court',
    description: 'Who took the decision',
  },
  {
    displayName: 'Court',
    name: 'court',
    type: 'string',
    required: true,
    default: '',
    placeholder: "e.g. Tribunal de l'application des peines de Mons",
  },
  {
    displayName: 'Decision Date',
    name: 'decisionDate',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. 2026-11-20',
    description: 'The day of the decision, as YYYY-MM-DD',
  },
  {
    displayName: 'Measure',
    name: 'measure',
    type: 'options',
    options: [
      { name: 'Conditional Release', value: 'conditional_release' },
      { name: 'Electronic Monitoring', value: 'electronic_monitoring' },
      { name: 'Limited Detention', value: 'limited_detention' },
      { name: 'Prison Leave', value: 'prison_leave' },
      { name: 'Probation', value: 'probation' },
      { name: 'Provisional Release for Removal', value: 'provisional_release_for_removal' },
      { name: 'Release on Trial (Internment)', value: 'release_on_trial_internment' },
      { name: 'Release Under Conditions', value: 'release_under_conditions' },
    ],
    default: 'conditional_release',
  },
  {
    displayName: 'National Register Number',
    name: 'nrn',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. 85.07.30-033.28',
    description: 'The NRN of the person released (dots, dashes and spaces allowed)',
  },
  {
    displayName: 'Last Name',
    name: 'lastName',
    type: 'string',
    required: true,
    default: '',
  },
  {
    displayName: 'First Names',
    name: 'firstNames',
    type: 'string',
    required: true,
    default: '',
  },
  {
    displayName: 'Street',
    name: 'street',
    type: 'string',
    required: true,
    default: '',
    description: 'Street of the domicile',
  },
  {
    displayName: 'House Number',
    name: 'houseNumber',
    type: 'string',
    required: true,
    default: '',
  },
  {
    displayName: 'Postal Code',
    name: 'postalCode',
    type: 'string',
    default: '',
    placeholder: 'e.g. 7780',
    description:
      'Postal code of the domicile; when it covers several municipalities, also give the Municipality NIS Code',
  },
  {
    displayName: 'General Conditions',
    name: 'generalConditions',
    type: 'multiOptions',
    options: [
      { name: 'Fixed Address', value: 'fixed_address' },
      { name: 'No New Offences', value: 'no_new_offences' },
      { name: 'Respond to Summons', value: 'respond_to_summons' },
    ],
    default: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
  },
  {
    displayName: 'Particular Conditions',
    name: 'particularConditions',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    placeholder: 'Add Condition',
    default: {},
    options: [
      {
        displayName: 'Condition',
        name: 'condition',
        values: [
          {
            displayName: 'Type',
            name: 'type',
            type: 'options',
            options: [
              { name: 'Obligation', value: 'obligation' },
              { name: 'Prohibition', value: 'prohibition' },
            ],
            default: 'obligation',
          },
          {
            displayName: 'Category',
            name: 'category',
            type: 'options',
            options: [
              { name: 'Alcohol or Drugs', value: 'alcohol_drugs' },
              { name: 'Area Ban', value: 'area_ban' },
              { name: 'Compensation', value: 'compensation' },
              { name: 'Contact Ban', value: 'contact_ban' },
              { name: 'Curfew', value: 'curfew' },
              { name: 'Other', value: 'other' },
              { name: 'Residence', value: 'residence' },
              { name: 'Training or Work', value: 'training_or_work' },
              { name: 'Treatment', value: 'treatment' },
            ],
            default: 'treatment',
          },
          {
            displayName: 'Text',
            name: 'text',
            type: 'string',
            default: '',
            description: 'The condition in words (required for category Other)',
          },
        ],
      },
    ],
  },
  {
    displayName: 'Additional Fields',
    name: 'additionalFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      {
        displayName: 'Birth Date',
        name: 'birthDate',
        type: 'string',
        default: '',
        placeholder: 'e.g. 1985-07-30',
        description: 'YYYY-MM-DD; taken from the national register number when left out',
      },
      {
        displayName: 'Box',
        name: 'box',
        type: 'string',
        default: '',
        description: 'Box number of the domicile',
      },
      {
        displayName: 'Electronic Monitoring',
        name: 'electronicMonitoring',
        type: 'boolean',
        default: false,
        description:
          'Whether the measure includes electronic monitoring; when left out, only the measure Electronic Monitoring does',
      },
      {
        displayName: 'Language of Proceedings',
        name: 'language',
        type: 'options',
        options: [
          { name: 'Dutch', value: 'nl' },
          { name: 'French', value: 'fr' },
          { name: 'German', value: 'de' },
        ],
        default: 'fr',
        description:
          "Required for a Brussels domicile, where it decides the justice house; elsewhere the municipality's language",
      },
      {
        displayName: 'Municipality NIS Code',
        name: 'municipalityNis',
        type: 'string',
        default: '',
        placeholder: 'e.g. 57097',
        description: "Statbel's 5-digit code of the municipality of the domicile",
      },
      {
        displayName: 'Prison ID',
        name: 'prisonId',
        type: 'string',
        default: '',
        placeholder: 'e.g. PRISON-MONS',
        description: 'The prison the person is released from',
      },
    ],
  },
];

type ParticularConditionParameter = { type: string; category: string; text?: string };

/** The DecisionInput the fields of item `itemIndex` describe; optional fields left empty are left out. */
export function decisionFromFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
  const text = (name: string): string => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
  const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
  const optional = (name: string): string | undefined => {
    const value = additional[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const particular =
    (
      context.getNodeParameter('particularConditions', itemIndex, {}) as {
        condition?: ParticularConditionParameter[];
      }
    ).condition ?? [];

  const domicile: IDataObject = { street: text('street'), number: text('houseNumber') };
  if (optional('box')) domicile.box = optional('box');
  if (text('postalCode')) domicile.postalCode = text('postalCode');
  if (optional('municipalityNis')) domicile.municipalityNis = optional('municipalityNis');

  const person: IDataObject = {
    nrn: text('nrn'),
    lastName: text('lastName'),
    firstNames: text('firstNames'),
    domicile,
  };
  if (optional('birthDate')) person.birthDate = optional('birthDate');

  const decision: IDataObject = {
    reference: text('reference'),
    authority: text('authority'),
    court: text('court'),
    decisionDate: text('decisionDate'),
    measure: text('measure'),
    conditions: {
      general: context.getNodeParameter('generalConditions', itemIndex, []) as string[],
      particular: particular.map(({ type, category, text: conditionText }) => ({
        type,
        category,
        text: (conditionText ?? '').trim(),
      })),
    },
    person,
  };
  if (typeof additional.electronicMonitoring === 'boolean') {
    decision.electronicMonitoring = additional.electronicMonitoring;
  }
  if (optional('language')) decision.language = optional('language');
  if (optional('prisonId')) decision.prisonId = optional('prisonId');
  return decision;
}
