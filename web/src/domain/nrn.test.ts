import { checkNrn } from './nrn';

/** Builds a valid number from its parts, the way the register computes the check digits. */
function make(yymmdd: string, seq: string, born2000 = false): string {
  const base = Number(yymmdd + seq);
  const check = 97 - ((born2000 ? 2_000_000_000 + base : base) % 97);
  return yymmdd + seq + String(check).padStart(2, '0');
}

describe('checkNrn', () => {
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
    expect(checkNrn('85073003329')).toEqual({ ok: false, code: 'nrn_checksum' });
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
    expect(checkNrn('8507300332')).toEqual({ ok: false, code: 'nrn_format' });
    expect(checkNrn('85O73003328')).toEqual({ ok: false, code: 'nrn_format' });
    expect(checkNrn('')).toEqual({ ok: false, code: 'nrn_format' });
  });

  it('rejects dates that do not exist', () => {
    expect(checkNrn(make('850231', '033'))).toEqual({ ok: false, code: 'nrn_date' });
    expect(checkNrn(make('851301', '033'))).toEqual({ ok: false, code: 'nrn_date' });
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
    expect(checkNrn(make('010229', '001', true))).toEqual({ ok: false, code: 'nrn_date' });
    expect(checkNrn(make('040229', '001', true))).toMatchObject({ ok: true, birthDate: '2004-02-29' });
  });
});
