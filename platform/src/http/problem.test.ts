import { fieldProblems, pointerToPath } from './problem';

describe('problem documents', () => {
  it('turns JSON pointers into the field paths the UI uses', () => {
    expect(pointerToPath('/decision/person/nrn')).toBe('decision.person.nrn');
    expect(pointerToPath('/conditions/particular/0/text')).toBe('conditions.particular[0].text');
    expect(pointerToPath('')).toBe('');
  });

  it('names the missing or unknown field and uses the domain validator codes', () => {
    const problems = fieldProblems(
      [
        { instancePath: '/document', keyword: 'required', params: { missingProperty: 'contentBase64' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'extra' } },
        { instancePath: '/kind', keyword: 'enum', params: { allowedValues: ['police_check', 'guidance'] } },
        {
          instancePath: '/note',
          keyword: 'maxLength',
          message: 'must NOT have more than 2000 characters',
          params: {},
        },
      ],
      'body',
    );
    expect(problems).toEqual([
      { field: 'document.contentBase64', code: 'required', message: 'document.contentBase64 is required' },
      { field: 'extra', code: 'unknown_field', message: 'extra is not a known field; remove it' },
      { field: 'kind', code: 'invalid_value', message: 'kind must be one of police_check, guidance' },
      { field: 'note', code: 'too_long', message: 'note must NOT have more than 2000 characters' },
    ]);
  });
});
