import fc from 'fast-check';
import { loadReferenceData } from '../reference';
import { MEASURES } from '@iplus/contract';
import {
  DECISION_ERROR_CODES,
  canonicalDecisionJson,
  validateDecisionInput,
  type DecisionInput,
  type FieldError,
} from './decision';

const reference = loadReferenceData();
const now = () => new Date('2026-11-26T12:00:00Z');
const validate = (raw: unknown) => validateDecisionInput(raw, reference, { now });

/** The contract's example decision (Comines-Warneton). */
function comines(): Record<string, unknown> {
  return {
    reference: 'TAP-MONS-2026-000123',
    authority: 'sentence_enforcement_court',
    court: "Tribunal de l'application des peines de Mons",
    decisionDate: '2026-11-20',
    measure: 'conditional_release',
    prisonId: 'PRISON-MONS',
    conditions: {
      general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
      particular: [{ type: 'prohibition', category: 'contact_ban', text: 'Ne pas contacter la victime.' }],
    },
    person: {
      nrn: '85.07.30-033.28',
      lastName: ' Dupont ',
      firstNames: 'Jean Marie',
      birthDate: '1985-07-30',
      domicile: { street: 'Rue de la Gare', number: '12', box: '', postalCode: '7780' },
    },
  };
}

function errorsOf(raw: unknown): FieldError[] {
  const result = validate(raw);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

function withPath(path: string[], value: unknown): Record<string, unknown> {
  const decision = comines();
  let target = decision as Record<string, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[path[path.length - 1]!];
  else target[path[path.length - 1]!] = value;
  return decision;
}

describe('validateDecisionInput', () => {
  it('accepts the contract example and normalises it', () => {
    const result = validate(comines());
    expect(result).toEqual({
      ok: true,
      value: {
        reference: 'TAP-MONS-2026-000123',
        authority: 'sentence_enforcement_court',
        court: "Tribunal de l'application des peines de Mons",
        decisionDate: '2026-11-20',
        measure: 'conditional_release',
        electronicMonitoring: false,
        prisonId: 'PRISON-MONS',
        language: 'fr',
        conditions: {
          general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
          particular: [
            { type: 'prohibition', category: 'contact_ban', text: 'Ne pas contacter la victime.' },
          ],
        },
        person: {
          nrn: '85073003328',
          lastName: 'Dupont',
          firstNames: 'Jean Marie',
          birthDate: '1985-07-30',
          domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
        },
      },
    });
  });

  it('reports every problem at once, each with its JSON path', () => {
    const decision = comines();
    decision.measure = 'parole';
    (decision.person as Record<string, unknown>).nrn = '85.07.30-033.62';
    decision.decisionDate = '2026-02-30';
    const errors = errorsOf(decision);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['decisionDate', 'invalid_date'],
      ['measure', 'invalid_value'],
      ['person.nrn', 'nrn_checksum'],
    ]);
    expect(errors[1]!.message).toContain(MEASURES.join(', '));
  });

  it('reports missing required fields', () => {
    const errors = errorsOf({});
    expect(errors.map((e) => e.field)).toEqual([
      'reference',
      'authority',
      'court',
      'decisionDate',
      'measure',
      'conditions',
      'person',
    ]);
    expect(errors.every((e) => e.code === 'required')).toBe(true);
  });

  it('rejects a decision date in the future (in Belgian time) and accepts today', () => {
    expect(errorsOf(withPath(['decisionDate'], '2026-11-27'))).toEqual([
      expect.objectContaining({ field: 'decisionDate', code: 'date_in_future' }),
    ]);
    expect(validate(withPath(['decisionDate'], '2026-11-26')).ok).toBe(true);
    // 23:30 UTC on the 26th is already the 27th in Brussels
    const lateEvening = validateDecisionInput(withPath(['decisionDate'], '2026-11-27'), reference, {
      now: () => new Date('2026-11-26T23:30:00Z'),
    });
    expect(lateEvening.ok).toBe(true);
  });

  it('checks the birth date against the national register number and fills it in when absent', () => {
    expect(errorsOf(withPath(['person', 'birthDate'], '1985-07-31'))).toEqual([
      expect.objectContaining({ field: 'person.birthDate', code: 'birth_date_mismatch' }),
    ]);
    const filled = validate(withPath(['person', 'birthDate'], undefined));
    expect(filled.ok && filled.value.person.birthDate).toBe('1985-07-30');
  });

  it('rejects a national register number whose birth date lies in the future', () => {
    const firstNine = '300101001';
    const check = String(97 - (Number(`2${firstNine}`) % 97)).padStart(2, '0');
    expect(errorsOf(withPath(['person', 'nrn'], `${firstNine}${check}`))).toEqual([
      expect.objectContaining({ field: 'person.nrn', code: 'nrn_date' }),
    ]);
  });

  it('accepts Unicode names, NFC-normalised', () => {
    const decomposed = 'Zoe\u0308 Łukasz-Ольга';
    const result = validate(withPath(['person', 'firstNames'], decomposed));
    expect(result.ok && result.value.person.firstNames).toBe('Zoë Łukasz-Ольга');
    expect(result.ok && result.value.person.firstNames).toBe(decomposed.normalize('NFC'));
  });

  it('rejects control characters, invisible direction marks and digits in names', () => {
    expect(errorsOf(withPath(['person', 'lastName'], 'Du\u0000pont'))[0]).toMatchObject({
      code: 'control_characters',
    });
    expect(errorsOf(withPath(['person', 'lastName'], 'Dupont\u202E'))[0]).toMatchObject({
      code: 'control_characters',
    });
    expect(errorsOf(withPath(['person', 'lastName'], 'Dupont 2'))[0]).toMatchObject({ code: 'invalid_name' });
    expect(errorsOf(withPath(['court'], 'Tribunal\nde Mons'))[0]).toMatchObject({
      code: 'control_characters',
    });
  });

  it('keeps line breaks in condition texts but limits their length', () => {
    const particular = [
      { type: 'obligation', category: 'treatment', text: 'Suivre une guidance.\nUne fois par mois.' },
    ];
    const ok = validate(withPath(['conditions', 'particular'], particular));
    expect(ok.ok && ok.value.conditions.particular[0]!.text).toBe('Suivre une guidance.\nUne fois par mois.');
    const long = [{ type: 'obligation', category: 'treatment', text: 'x'.repeat(2001) }];
    expect(errorsOf(withPath(['conditions', 'particular'], long))[0]).toMatchObject({
      field: 'conditions.particular[0].text',
      code: 'too_long',
    });
    expect(errorsOf(withPath(['person', 'lastName'], 'é'.repeat(201)))[0]).toMatchObject({
      code: 'too_long',
    });
    expect(validate(withPath(['person', 'lastName'], 'é'.repeat(200))).ok).toBe(true);
  });

  it('requires a text for a particular condition of category other', () => {
    const particular = [{ type: 'obligation', category: 'other' }];
    expect(errorsOf(withPath(['conditions', 'particular'], particular))[0]).toMatchObject({
      field: 'conditions.particular[0].text',
      code: 'required',
    });
  });

  it('rejects duplicate general conditions and unknown fields', () => {
    expect(errorsOf(withPath(['conditions', 'general'], ['fixed_address', 'fixed_address']))).toEqual([
      expect.objectContaining({ field: 'conditions.general[1]', code: 'duplicate_value' }),
    ]);
    expect(errorsOf(withPath(['person', 'nickname'], 'JM'))).toEqual([
      expect.objectContaining({ field: 'person.nickname', code: 'unknown_field' }),
    ]);
  });

  it('needs the NIS code when a postcode covers several municipalities, and lists them', () => {
    const errors = errorsOf(
      withPath(['person', 'domicile'], { street: 'Rue Belliard', number: '1', postalCode: '1040' }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ field: 'person.domicile.municipalityNis', code: 'postal_code_ambiguous' }),
    ]);
    expect(errors[0]!.message).toContain('21004');
    expect(errors[0]!.message).toContain('21005');
    const chosen = validate({
      ...withPath(['person', 'domicile'], {
        street: 'Rue Belliard',
        number: '1',
        postalCode: '1040',
        municipalityNis: '21005',
      }),
      language: 'nl',
    });
    expect(chosen.ok && chosen.value.person.domicile.municipalityNis).toBe('21005');
  });

  it('names an unknown NIS code and a postcode that does not belong to the municipality', () => {
    const unknown = errorsOf(withPath(['person', 'domicile', 'municipalityNis'], '99999'));
    expect(unknown).toEqual([expect.objectContaining({ code: 'nis_unknown' })]);
    expect(unknown[0]!.message).toContain('99999');
    const mismatch = errorsOf(withPath(['person', 'domicile', 'municipalityNis'], '57081'));
    expect(mismatch).toEqual([expect.objectContaining({ code: 'postal_code_mismatch' })]);
    expect(mismatch[0]!.message).toContain('57097');
  });

  it('accepts a postcode missing from the address register when the NIS code is given', () => {
    const result = validate(
      withPath(['person', 'domicile'], {
        street: 'Dorpsstraat',
        number: '3',
        postalCode: '3668',
        municipalityNis: '71002',
      }),
    );
    expect(result.ok && result.value.person.domicile.municipalityNis).toBe('71002');
    expect(
      errorsOf(withPath(['person', 'domicile'], { street: 'Dorpsstraat', number: '3', postalCode: '3668' })),
    ).toEqual([expect.objectContaining({ code: 'postal_code_unknown' })]);
  });

  it('requires the language of the proceedings for a Brussels domicile', () => {
    const brussels = withPath(['person', 'domicile'], {
      street: 'Rue Haute',
      number: '5',
      postalCode: '1000',
    });
    expect(errorsOf(brussels)).toEqual([
      expect.objectContaining({ field: 'language', code: 'language_required' }),
    ]);
    const nl = validate({ ...brussels, language: 'nl' });
    expect(nl.ok && nl.value.language).toBe('nl');
  });

  it('defaults the language to the language area and electronic monitoring to the measure', () => {
    const eupen = validate({
      ...withPath(['person', 'domicile'], { street: 'Klötzerbahn', number: '2', municipalityNis: '63023' }),
      measure: 'electronic_monitoring',
    });
    expect(eupen.ok && [eupen.value.language, eupen.value.electronicMonitoring]).toEqual(['de', true]);
    expect(errorsOf({ ...comines(), measure: 'electronic_monitoring', electronicMonitoring: false })).toEqual(
      [expect.objectContaining({ code: 'electronic_monitoring_inconsistent' })],
    );
  });

  it('rejects an unknown prison', () => {
    expect(errorsOf({ ...comines(), prisonId: 'PRISON-ALCATRAZ' })).toEqual([
      expect.objectContaining({ field: 'prisonId', code: 'prison_unknown' }),
    ]);
  });

  it('property: arbitrary JSON never throws and errors use known codes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const result = validate(raw);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(DECISION_ERROR_CODES).toContain(e.code);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: the example with any field replaced by arbitrary JSON never throws', () => {
    const paths = [
      ['reference'],
      ['authority'],
      ['decisionDate'],
      ['electronicMonitoring'],
      ['conditions'],
      ['conditions', 'general'],
      ['conditions', 'particular'],
      ['person'],
      ['person', 'nrn'],
      ['person', 'lastName'],
      ['person', 'birthDate'],
      ['person', 'domicile'],
      ['person', 'domicile', 'postalCode'],
      ['person', 'domicile', 'municipalityNis'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const result = validate(withPath(path, value));
        if (!result.ok) for (const e of result.errors) expect(DECISION_ERROR_CODES).toContain(e.code);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a valid decision validates to itself (normalisation is idempotent)', () => {
    const name = fc.stringMatching(/^ ?[A-Za-zÀ-ÿ\u0400-\u04FF][A-Za-zÀ-ÿ\u0400-\u04FF' .-]{0,30}$/);
    let accepted = 0;
    fc.assert(
      fc.property(name, fc.string({ maxLength: 60, unit: 'grapheme' }), (lastName, text) => {
        const decision = withPath(['person', 'lastName'], lastName);
        (decision.conditions as { particular: unknown[] }).particular = [
          { type: 'obligation', category: 'other', text },
        ];
        const first = validate(decision);
        if (!first.ok) return;
        accepted += 1;
        expect(validate(first.value)).toEqual(first);
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('canonicalDecisionJson', () => {
  it('gives the same text whatever the key order', () => {
    const result = validate(comines());
    if (!result.ok) throw new Error('example must validate');
    const value = result.value;
    const reordered = JSON.parse(JSON.stringify(value, Object.keys(value).reverse())) as DecisionInput;
    const shuffled: DecisionInput = { ...reordered, ...value, person: { ...value.person } };
    expect(canonicalDecisionJson(shuffled)).toBe(canonicalDecisionJson(value));
    expect(canonicalDecisionJson(value).startsWith('{"authority":')).toBe(true);
  });

  it('differs when the content differs', () => {
    const a = validate(comines());
    const b = validate(withPath(['court'], 'Tribunal de Mons'));
    if (!a.ok || !b.ok) throw new Error('examples must validate');
    expect(canonicalDecisionJson(a.value)).not.toBe(canonicalDecisionJson(b.value));
  });
});

describe("the measure's period (issue 15)", () => {
  it('accepts a last day or a duration, and awaitingRelease with the prison', () => {
    const ok = validate({ ...comines(), measureEnd: '2028-11-19', awaitingRelease: true });
    expect(ok.ok && ok.value).toMatchObject({ measureEnd: '2028-11-19', awaitingRelease: true });
    const duration = validate({ ...comines(), measureDuration: 'P730D' });
    expect(duration.ok && duration.value).toMatchObject({ measureDuration: 'P730D' });
  });
  it('refuses both at once, a duration in months, an end before the decision, a release without prison', () => {
    expect(errorsOf({ ...comines(), measureEnd: '2028-11-19', measureDuration: 'P730D' })).toEqual([
      expect.objectContaining({ field: 'measureDuration', code: 'conflicting_period' }),
    ]);
    expect(errorsOf({ ...comines(), measureDuration: 'P24M' })).toEqual([
      expect.objectContaining({ field: 'measureDuration', code: 'invalid_duration' }),
    ]);
    expect(errorsOf({ ...comines(), measureEnd: '2026-11-01' })).toEqual([
      expect.objectContaining({ field: 'measureEnd' }),
    ]);
    const { prisonId: _prison, ...noPrison } = comines();
    expect(errorsOf({ ...noPrison, awaitingRelease: true })).toEqual([
      expect.objectContaining({ field: 'awaitingRelease', code: 'prison_required' }),
    ]);
  });
});
