import { normaliseField, problemsByField, toProblem } from './problem';

describe('problem documents', () => {
  it('reads the contract shape', () => {
    const p = toProblem(400, {
      type: 'https://iplus.example/problems/validation_failed',
      title: 'The request is not valid',
      status: 400,
      detail: '1 field(s) are not valid',
      code: 'validation_failed',
      errors: [{ field: 'person.nrn', code: 'nrn_checksum', message: 'fails its check digits' }],
    });
    expect(p.code).toBe('validation_failed');
    expect(p.errors).toEqual([
      { field: 'person.nrn', code: 'nrn_checksum', message: 'fails its check digits' },
    ]);
  });

  it('makes a problem from a body that is not one', () => {
    expect(toProblem(502, 'Bad gateway')).toEqual({ status: 502, code: 'server_error' });
    expect(toProblem(404, null)).toEqual({ status: 404, code: undefined });
  });

  it('groups field problems by normalised path', () => {
    const byField = problemsByField({
      status: 400,
      errors: [
        { field: '/person/nrn', code: 'nrn_checksum' },
        { field: 'decision.person.domicile.postalCode', code: 'unknown_postal_code' },
        { field: 'person.nrn', code: 'required' },
        { field: '', code: 'x' },
      ],
    });
    expect(byField.get('person.nrn')?.map((e) => e.code)).toEqual(['nrn_checksum', 'required']);
    expect(byField.get('person.domicile.postalCode')?.[0].code).toBe('unknown_postal_code');
    expect(byField.get('')?.[0].code).toBe('x');
  });

  it.each([
    ['$.person.nrn', 'person.nrn'],
    ['conditions.particular[0].text', 'conditions.particular.0.text'],
    ['/conditions/particular/1/category', 'conditions.particular.1.category'],
  ])('normalises %s', (input, output) => expect(normaliseField(input)).toBe(output));
});
