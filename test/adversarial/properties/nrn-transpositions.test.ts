import fc from 'fast-check';
import { checkNrn, nrnCheckDigits } from '../../../contract/index';

// Issue 8: what contract/nrn.test.ts does not already cover — transpositions, month and
// day 00, BIS months out of range, and the "2" prefix as the only valid check for 2000+ births.

function nrn(year: number, month: number, day: number, sequence: number): string {
  const nine = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  return `${nine}${String(nrnCheckDigits(nine, year >= 2000 ? 2000 : 1900)).padStart(2, '0')}`;
}

const real = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const sequence = fc.integer({ min: 1, max: 998 });

describe('property: national register numbers', () => {
  it('a swap of two different adjacent digits never passes with the check of the century that made it', () => {
    fc.assert(
      fc.property(real, sequence, fc.integer({ min: 0, max: 9 }), ({ year, month, day }, seq, i) => {
        const valid = nrn(year, month, day, seq);
        fc.pre(valid[i] !== valid[i + 1] && i !== 8); // 8↔9 moves a digit between number and check
        const d = valid.split('');
        [d[i], d[i + 1]] = [d[i + 1]!, d[i]!];
        const swapped = d.join('');
        const century = year >= 2000 ? 2000 : 1900;
        expect(nrnCheckDigits(swapped.slice(0, 9), century)).not.toBe(Number(swapped.slice(9)));
        const check = checkNrn(swapped);
        if (check.ok) {
          // only as a number of the other century, with a real date there
          const other = century === 2000 ? 1900 : 2000;
          expect(nrnCheckDigits(swapped.slice(0, 9), other)).toBe(Number(swapped.slice(9)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers born from 2000 on pass only with the "2" prefix check', () => {
    fc.assert(
      fc.property(
        real.filter((r) => r.year >= 2000),
        sequence,
        ({ year, month, day }, seq) => {
          const valid = nrn(year, month, day, seq);
          expect(checkNrn(valid)).toMatchObject({ ok: true, birthDate: expect.stringMatching(/^20/) });
          const nine = valid.slice(0, 9);
          const oldStyle = `${nine}${String(nrnCheckDigits(nine, 1900)).padStart(2, '0')}`;
          // the 1900s check digits name a person born in the 1900s, never this one
          const check = checkNrn(oldStyle);
          if (check.ok) expect(check.birthDate === null || check.birthDate.startsWith('19')).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('month or day 00 (and BIS +20/+40 of them) pass without a birth date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(0, 20, 40),
        fc
          .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 31 }))
          .filter(([m, d]) => m === 0 || d === 0),
        sequence,
        (yy, offset, [month, day], seq) => {
          const nine = `${String(yy).padStart(2, '0')}${String(month + offset).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
          const check = checkNrn(`${nine}${String(nrnCheckDigits(nine, 1900)).padStart(2, '0')}`);
          expect(check).toMatchObject({ ok: true, birthDate: null, kind: offset === 0 ? 'nrn' : 'bis' });
        },
      ),
    );
  });

  it('months outside 0–12, 20–32 and 40–52 are refused as dates, whatever the check digits', () => {
    const badMonth = fc
      .integer({ min: 0, max: 99 })
      .filter((m) => !(m <= 12 || (m >= 20 && m <= 32) || (m >= 40 && m <= 52)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        badMonth,
        fc.integer({ min: 1, max: 28 }),
        sequence,
        fc.constantFrom(1900, 2000) as fc.Arbitrary<1900 | 2000>,
        (yy, month, day, seq, century) => {
          const nine = `${String(yy).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
          expect(checkNrn(`${nine}${String(nrnCheckDigits(nine, century)).padStart(2, '0')}`)).toMatchObject({
            ok: false,
            code: 'nrn_date',
          });
        },
      ),
    );
  });
});
