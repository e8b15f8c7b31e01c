import type { ReferenceData } from '../reference/types';
import type {
  Conditions,
  DecisionInput,
  Domicile,
  FieldError,
  ParticularCondition,
  Person,
} from './decision-types';
import {
  AUTHORITIES,
  CASE_LANGUAGES,
  GENERAL_CONDITIONS,
  MEASURES,
  PARTICULAR_CATEGORIES,
  PARTICULAR_TYPES,
  TEXT_LIMITS,
  checkNrn,
  type CaseLanguage,
  type GeneralCondition,
} from '@iplus/contract';
import { FieldReader, clip, describe, join, type JsonObject } from './field-reader';
import { isPersonName } from './text-rules';
import { todayInBelgium } from './belgian-date';
import { displayName, resolveDomicile } from './domicile-resolution';
import { involvesElectronicMonitoring } from './electronic-monitoring';

export type DecisionValidation = { ok: true; value: DecisionInput } | { ok: false; errors: FieldError[] };

export interface ValidationOptions {
  /** The clock: decision and birth dates may not lie after today (in Belgium). */
  now?: () => Date;
}

const DECISION_FIELDS = [
  'reference',
  'authority',
  'court',
  'decisionDate',
  'measure',
  'electronicMonitoring',
  'prisonId',
  'language',
  'conditions',
  'person',
] as const;
const PERSON_FIELDS = ['nrn', 'lastName', 'firstNames', 'birthDate', 'domicile'] as const;
const CONDITION_FIELDS = ['general', 'particular'] as const;
const PARTICULAR_FIELDS = ['type', 'category', 'text'] as const;
const REFERENCE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u;
const EARLIEST_DECISION = '1950-01-01';
const EARLIEST_BIRTH = '1890-01-01';

/**
 * Validates a release decision as posted by a parquet (web form, n8n node, API) and normalises it:
 * NRN digits only, trimmed NFC strings, municipality resolved from the postcode, defaults filled.
 * Reports every problem at once; never throws, whatever `raw` is.
 */
export function validateDecisionInput(
  raw: unknown,
  reference: ReferenceData,
  options: ValidationOptions = {},
): DecisionValidation {
  const read = new FieldReader();
  const today = todayInBelgium((options.now ?? (() => new Date()))());
  const decision = read.object(raw, '');
  if (!decision) return { ok: false, errors: read.errors };
  read.rejectUnknownKeys(decision, '', DECISION_FIELDS);

  const ref = read.text(decision.reference, 'reference', {
    max: TEXT_LIMITS.reference,
    what: "the court's or parquet's number of the decision",
  });
  if (ref !== undefined && !REFERENCE_PATTERN.test(ref)) {
    read.fail(
      'reference',
      'invalid_reference',
      `reference "${clip(ref)}" may contain letters, digits, spaces and . _ / - only, and must start with a letter or digit`,
    );
  }
  const authority = read.oneOf(decision.authority, 'authority', AUTHORITIES);
  const court = read.text(decision.court, 'court', {
    max: TEXT_LIMITS.court,
    what: 'the name of the court or authority that decided',
  });
  const decisionDate = read.date(decision.decisionDate, 'decisionDate', {
    earliest: EARLIEST_DECISION,
    latest: today,
  });
  const measure = read.oneOf(decision.measure, 'measure', MEASURES);
  const electronicMonitoring = readElectronicMonitoring(read, decision, measure);
  const prisonId = readPrison(read, decision.prisonId, reference);
  const conditions = readConditions(read, decision.conditions);
  const person = readPerson(read, decision.person, reference, today);
  const language = readLanguage(read, decision.language, person?.domicile.municipalityNis, reference);

  if (
    read.errors.length > 0 ||
    ref === undefined ||
    authority === undefined ||
    court === undefined ||
    decisionDate === undefined ||
    measure === undefined ||
    conditions === undefined ||
    person === undefined ||
    language === undefined
  ) {
    return { ok: false, errors: read.errors };
  }
  const value: DecisionInput = {
    reference: ref,
    authority,
    court,
    decisionDate,
    measure,
    electronicMonitoring,
    ...(prisonId !== undefined ? { prisonId } : {}),
    language,
    conditions,
    person,
  };
  return { ok: true, value };
}

function readElectronicMonitoring(
  read: FieldReader,
  decision: JsonObject,
  measure: string | undefined,
): boolean {
  const given = read.boolean(decision.electronicMonitoring, 'electronicMonitoring');
  if (measure === 'electronic_monitoring' && given === false) {
    read.fail(
      'electronicMonitoring',
      'electronic_monitoring_inconsistent',
      'electronicMonitoring is false but the measure is electronic_monitoring: set it to true or leave it out',
    );
  }
  return involvesElectronicMonitoring(measure, given);
}

function readPrison(read: FieldReader, value: unknown, reference: ReferenceData): string | undefined {
  const id = read.text(value, 'prisonId', {
    max: 60,
    required: false,
    what: 'a prison id such as PRISON-MONS',
  });
  if (id === undefined) return undefined;
  if (reference.agency(id)?.kind !== 'prison') {
    return read.fail(
      'prisonId',
      'prison_unknown',
      `prisonId "${clip(id)}" is not a known prison; the ids are listed by GET /api/agencies?kind=prison (e.g. PRISON-MONS)`,
    );
  }
  return id;
}

function readConditions(read: FieldReader, value: unknown): Conditions | undefined {
  const conditions = read.object(value, 'conditions');
  if (!conditions) return undefined;
  read.rejectUnknownKeys(conditions, 'conditions', CONDITION_FIELDS);
  const generalItems = read.array(conditions.general, 'conditions.general', {
    max: GENERAL_CONDITIONS.length * 2,
  });
  const general: GeneralCondition[] = [];
  generalItems?.forEach((item, i) => {
    const condition = read.oneOf(item, join('conditions.general', i), GENERAL_CONDITIONS);
    if (condition === undefined) return;
    if (general.includes(condition)) {
      read.fail(
        join('conditions.general', i),
        'duplicate_value',
        `conditions.general lists ${condition} twice`,
      );
      return;
    }
    general.push(condition);
  });
  const particularItems = read.array(conditions.particular, 'conditions.particular', {
    max: TEXT_LIMITS.particularConditions,
    required: false,
  });
  const particular: ParticularCondition[] = [];
  particularItems?.forEach((item, i) => {
    const parsed = readParticular(read, item, join('conditions.particular', i));
    if (parsed) particular.push(parsed);
  });
  if (generalItems === undefined || particularItems === undefined) return undefined;
  return { general: GENERAL_CONDITIONS.filter((c) => general.includes(c)), particular };
}

function readParticular(read: FieldReader, value: unknown, path: string): ParticularCondition | undefined {
  const item = read.object(value, path);
  if (!item) return undefined;
  read.rejectUnknownKeys(item, path, PARTICULAR_FIELDS);
  const type = read.oneOf(item.type, join(path, 'type'), PARTICULAR_TYPES);
  const category = read.oneOf(item.category, join(path, 'category'), PARTICULAR_CATEGORIES);
  const text = read.text(item.text, join(path, 'text'), {
    max: TEXT_LIMITS.conditionText,
    multiline: true,
    required: category === 'other',
    what: category === 'other' ? 'a description of the condition (category other needs one)' : 'a text',
  });
  if (type === undefined || category === undefined) return undefined;
  return { type, category, text: text ?? '' };
}

function readPerson(
  read: FieldReader,
  value: unknown,
  reference: ReferenceData,
  today: string,
): Person | undefined {
  const person = read.object(value, 'person');
  if (!person) return undefined;
  read.rejectUnknownKeys(person, 'person', PERSON_FIELDS);
  const nrn = readNrn(read, person.nrn, today);
  const lastName = readName(read, person.lastName, 'person.lastName');
  const firstNames = readName(read, person.firstNames, 'person.firstNames');
  const givenBirthDate = read.date(person.birthDate, 'person.birthDate', {
    earliest: EARLIEST_BIRTH,
    latest: today,
    required: false,
  });
  if (givenBirthDate !== undefined && nrn?.birthDate && givenBirthDate !== nrn.birthDate) {
    read.fail(
      'person.birthDate',
      'birth_date_mismatch',
      `person.birthDate ${givenBirthDate} does not match the birth date ${nrn.birthDate} in the national register number ${nrn.formatted}; correct one of them`,
    );
  }
  const domicile = readDomicile(read, person.domicile, reference);
  if (!nrn || lastName === undefined || firstNames === undefined || !domicile) return undefined;
  const birthDate = givenBirthDate ?? nrn.birthDate ?? undefined;
  return { nrn: nrn.nrn, lastName, firstNames, ...(birthDate ? { birthDate } : {}), domicile };
}

function readNrn(
  read: FieldReader,
  value: unknown,
  today: string,
): { nrn: string; formatted: string; birthDate: string | null } | undefined {
  if (value === undefined || value === null || value === '') {
    return read.fail(
      'person.nrn',
      'required',
      'person.nrn is required (the national register or BIS number, 11 digits)',
    );
  }
  if (typeof value !== 'string') {
    return read.fail(
      'person.nrn',
      'invalid_type',
      `person.nrn must be a text of 11 digits, not ${describe(value)}`,
    );
  }
  const check = checkNrn(value);
  if (!check.ok) return read.fail('person.nrn', check.code, check.message);
  if (check.birthDate !== null && check.birthDate > today) {
    return read.fail(
      'person.nrn',
      'nrn_date',
      `national register number ${check.formatted} encodes a birth date in the future (${check.birthDate})`,
    );
  }
  return check;
}

function readName(read: FieldReader, value: unknown, field: string): string | undefined {
  const name = read.text(value, field, { max: TEXT_LIMITS.name, what: 'a name' });
  if (name !== undefined && !isPersonName(name)) {
    return read.fail(
      field,
      'invalid_name',
      `${field} "${clip(name)}" may contain letters (any alphabet), spaces, apostrophes, hyphens and periods only, starting with a letter`,
    );
  }
  return name;
}

function readDomicile(read: FieldReader, value: unknown, reference: ReferenceData): Domicile | undefined {
  const path = 'person.domicile';
  const domicile = read.object(value, path);
  if (!domicile) return undefined;
  read.rejectUnknownKeys(domicile, path, ['street', 'number', 'box', 'postalCode', 'municipalityNis']);
  const street = read.text(domicile.street, `${path}.street`, {
    max: TEXT_LIMITS.street,
    what: 'the street name',
  });
  const number = read.text(domicile.number, `${path}.number`, {
    max: TEXT_LIMITS.houseNumber,
    what: 'the house number',
  });
  const box = read.text(domicile.box, `${path}.box`, { max: TEXT_LIMITS.box, required: false });
  const postalCode = read.text(domicile.postalCode, `${path}.postalCode`, {
    max: 4,
    required: false,
    what: '4 digits',
  });
  const nis = read.text(domicile.municipalityNis, `${path}.municipalityNis`, {
    max: 5,
    required: false,
    what: 'a 5-digit NIS code',
  });
  const resolved = resolveDomicile(read, reference, { postalCode, nis });
  if (street === undefined || number === undefined || resolved === undefined) return undefined;
  return {
    street,
    number,
    ...(box !== undefined ? { box } : {}),
    ...(postalCode !== undefined ? { postalCode } : {}),
    municipalityNis: resolved,
  };
}

function readLanguage(
  read: FieldReader,
  value: unknown,
  nis: string | undefined,
  reference: ReferenceData,
): CaseLanguage | undefined {
  const given = read.oneOf(value, 'language', CASE_LANGUAGES, false);
  if (value !== undefined && value !== null && value !== '' && given === undefined) return undefined;
  const municipality = nis === undefined ? undefined : reference.municipality(nis);
  if (!municipality) return given ?? 'fr';
  if (municipality.languageArea === 'fr-nl') {
    if (given === undefined || given === 'de') {
      const name = displayName(municipality);
      return read.fail(
        'language',
        'language_required',
        `the domicile is in ${name} (Brussels): language must be fr or nl, the language of the proceedings, which decides the competent justice house`,
      );
    }
    return given;
  }
  return given ?? municipality.languageArea;
}
