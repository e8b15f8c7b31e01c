import fc from 'fast-check';
// One check for every client: the platform's tests and the web's, merged when the two copies became one.
import { checkNrn, formatNrn, nrnCheckDigits } from './nrn';

/** Builds a valid number from its parts, the way the national register allocates it. */
function makeNrn(year: number, month: number, day: number, sequence: number, monthOffset = 0): string {
  const firstNine = `${String(year % 100).padStart(2, '0')}${String(month + monthOffset).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  const check = nrnCheckDigits(firstNine, year >= 2000 ? 2000 : 1900);
  return `${firstNine}${String(check).padStart(2, '0')}`;
}

const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const sequenceArb = fc.integer({ min: 1, max: 998 });

describe('checkNrn', () => {
  it('accepts the example of the contract and formats it', () => {
    expect(checkNrn('85073003328')).toEqual({
      ok: true,
      nrn: '85073003328',
      formatted: '85.07.30-033.28',
      birthDate: '1985-07-30',
      kind: 'nrn',
      sex: 'M',
    });
  });

  it('accepts separators: dots, dashes and spaces', () => {
    for (const input of ['85.07.30-033.28', '850730 033 28', ' 85-07-30-033-28 ']) {
      expect(checkNrn(input)).toMatchObject({ ok: true, nrn: '85073003328' });
    }
  });

  it('rejects wrong check digits with the message of the contract', () => {
    expect(checkNrn('85.07.30-033.62')).toEqual({
      ok: false,
      code: 'nrn_checksum',
      message: expect.stringContaining('national register number 85.07.30-033.62 fails its check digits'),
    });
  });

  it('rejects what is not 11 digits', () => {
    for (const input of ['', '8507300332', '850730033288', '85O73003328', 'abc', '85/07/30-033.28']) {
      expect(checkNrn(input)).toMatchObject({ ok: false, code: 'nrn_format' });
    }
  });

  it('uses the 2 prefix for people born from 2000 on', () => {
    const nrn = makeNrn(2003, 2, 14, 124);
    expect(checkNrn(nrn)).toMatchObject({ ok: true, birthDate: '2003-02-14', sex: 'F' });
    // the same digits with the 1900s check digits are another, also valid, person born 1903
    const old = makeNrn(1903, 2, 14, 124);
    expect(old).not.toEqual(nrn);
    expect(checkNrn(old)).toMatchObject({ ok: true, birthDate: '1903-02-14' });
  });

  it('accepts 29 February only in leap years of the matching century', () => {
    expect(checkNrn(makeNrn(2000, 2, 29, 1))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkNrn(makeNrn(1900, 2, 29, 1))).toMatchObject({ ok: false, code: 'nrn_date' });
  });

  it('rejects impossible dates and month codes', () => {
    expect(checkNrn(makeNrn(1985, 2, 30, 33))).toMatchObject({ ok: false, code: 'nrn_date' });
    const badMonth = `851530033`;
    expect(checkNrn(`${badMonth}${String(nrnCheckDigits(badMonth, 1900)).padStart(2, '0')}`)).toMatchObject({
      ok: false,
      code: 'nrn_date',
    });
    const badDay = `850732033`;
    expect(checkNrn(`${badDay}${String(nrnCheckDigits(badDay, 1900)).padStart(2, '0')}`)).toMatchObject({
      ok: false,
      code: 'nrn_date',
    });
  });

  it('allows month or day 00 and then gives no birth date', () => {
    expect(checkNrn(makeNrn(1985, 0, 0, 33))).toMatchObject({
      ok: true,
      birthDate: null,
      kind: 'nrn',
      sex: 'M',
    });
    expect(checkNrn(makeNrn(1985, 7, 0, 34))).toMatchObject({ ok: true, birthDate: null, sex: 'F' });
  });

  it('reads BIS numbers: month +20 (sex unknown) and +40 (sex known)', () => {
    expect(checkNrn(makeNrn(1985, 7, 30, 33, 20))).toMatchObject({
      ok: true,
      kind: 'bis',
      birthDate: '1985-07-30',
      sex: null,
    });
    expect(checkNrn(makeNrn(1985, 7, 30, 34, 40))).toMatchObject({ ok: true, kind: 'bis', sex: 'F' });
    expect(checkNrn(makeNrn(1985, 0, 0, 1, 20))).toMatchObject({ ok: true, kind: 'bis', birthDate: null });
  });

  it('never throws on non-string input', () => {
    expect(checkNrn(42 as unknown as string)).toMatchObject({ ok: false, code: 'nrn_format' });
  });

  it('property: every number built from a real date and sequence is accepted with that date and sex', () => {
    fc.assert(
      fc.property(
        dateArb,
        sequenceArb,
        fc.constantFrom(0, 20, 40),
        ({ year, month, day }, sequence, offset) => {
          const nrn = makeNrn(year, month, day, sequence, offset);
          const check = checkNrn(formatNrn(nrn));
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(check).toEqual({
            ok: true,
            nrn,
            formatted: formatNrn(nrn),
            birthDate: date,
            kind: offset === 0 ? 'nrn' : 'bis',
            sex: offset === 20 ? null : sequence % 2 === 1 ? 'M' : 'F',
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: changing any one digit of a valid number is rejected', () => {
    fc.assert(
      fc.property(
        dateArb,
        sequenceArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        ({ year, month, day }, sequence, position, delta) => {
          const nrn = makeNrn(year, month, day, sequence);
          const digits = nrn.split('');
          digits[position] = String((Number(digits[position]) + delta) % 10);
          const mutated = digits.join('');
          const check = checkNrn(mutated);
          // A single-digit change always breaks the mod-97 check of the century that made the
          // number; it can only pass by matching the *other* century, which then must be a real date.
          if (check.ok) {
            const otherCentury = year >= 2000 ? 1900 : 2000;
            expect(nrnCheckDigits(mutated.slice(0, 9), otherCentury)).toBe(Number(mutated.slice(9)));
          } else {
            expect(['nrn_checksum', 'nrn_date']).toContain(check.code);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: arbitrary text never throws and always answers ok or a known code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const check = checkNrn(text);
        if (!check.ok) expect(['nrn_format', 'nrn_checksum', 'nrn_date']).toContain(check.code);
      }),
    );
  });
});

/** Builds a valid number from its parts, the way the register computes the check digits. */
function make(yymmdd: string, seq: string, born2000 = false): string {
  const base = Number(yymmdd + seq);
  const check = 97 - ((born2000 ? 2_000_000_000 + base : base) % 97);
  return yymmdd + seq + String(check).padStart(2, '0');
}

describe('checkNrn, as the browser checks a number being typed', () => {
  it('accepts the contract example and derives birth date and sex', () => {
    expect(checkNrn('85073003328')).toEqual({
      ok: true,
      nrn: '85073003328',
      formatted: '85.07.30-033.28',
      birthDate: '1985-07-30',
      kind: 'nrn',
      sex: 'M',
    });
  });

  it('accepts dots, dashes and spaces', () => {
    expect(checkNrn('85.07.30-033.28').ok).toBe(true);
    expect(checkNrn(' 850730 033 28 ').ok).toBe(true);
  });

  it('uses the "2" prefix for people born from 2000 on', () => {
    const nrn = make('050215', '124', true);
    const r = checkNrn(nrn);
    expect(r).toMatchObject({ ok: true, birthDate: '2005-02-15', sex: 'F' });
    // the same digits with the 1900 check digits give 1905
    expect(checkNrn(make('050215', '124'))).toMatchObject({ ok: true, birthDate: '1905-02-15' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkNrn('85073003329')).toMatchObject({ ok: false, code: 'nrn_checksum' });
  });

  it('rejects a mutated digit', () => {
    const good = make('920101', '001');
    for (let i = 0; i < 9; i++) {
      const d = (Number(good[i]) + 1) % 10;
      const bad = good.slice(0, i) + d + good.slice(i + 1);
      expect(checkNrn(bad).ok).toBe(false);
    }
  });

  it('rejects numbers that are not 11 digits', () => {
    expect(checkNrn('8507300332')).toMatchObject({ ok: false, code: 'nrn_format' });
    expect(checkNrn('85O73003328')).toMatchObject({ ok: false, code: 'nrn_format' });
    expect(checkNrn('')).toMatchObject({ ok: false, code: 'nrn_format' });
  });

  it('rejects dates that do not exist', () => {
    expect(checkNrn(make('850231', '033'))).toMatchObject({ ok: false, code: 'nrn_date' });
    expect(checkNrn(make('851301', '033'))).toMatchObject({ ok: false, code: 'nrn_date' });
  });

  it('allows 00 month or day, with no birth date', () => {
    expect(checkNrn(make('850000', '033'))).toMatchObject({ ok: true, birthDate: null });
    expect(checkNrn(make('850700', '033'))).toMatchObject({ ok: true, birthDate: null });
  });

  it('reads BIS numbers: month +20 sex unknown, +40 sex known', () => {
    expect(checkNrn(make('852730', '033'))).toMatchObject({
      ok: true,
      kind: 'bis',
      sex: null,
      birthDate: '1985-07-30',
    });
    expect(checkNrn(make('854730', '034'))).toMatchObject({
      ok: true,
      kind: 'bis',
      sex: 'F',
      birthDate: '1985-07-30',
    });
    expect(checkNrn(make('854000', '001', true))).toMatchObject({ ok: true, kind: 'bis', birthDate: null });
  });

  it('rejects 29 February of a year that is not a leap year', () => {
    expect(checkNrn(make('010229', '001', true))).toMatchObject({ ok: false, code: 'nrn_date' });
    expect(checkNrn(make('040229', '001', true))).toMatchObject({ ok: true, birthDate: '2004-02-29' });
  });
});
