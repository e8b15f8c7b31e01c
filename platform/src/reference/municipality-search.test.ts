import fc from 'fast-check';
import { foldForSearch, loadReferenceData, readReferenceFiles, REFERENCE_DATA_DIR } from './index';
import { parseCsv } from './csv';

const reference = loadReferenceData();
const all = reference.municipalities();
const localities = new Map<string, string[]>();
for (const row of parseCsv(readReferenceFiles(REFERENCE_DATA_DIR).postal_codes)) {
  localities.set(row.nis_code!, [...(localities.get(row.nis_code!) ?? []), foldForSearch(row.locality!)]);
}
const names = (m: (typeof all)[number]) => [m.name.fr, m.name.nl, m.name.de].filter((n): n is string => !!n);

describe('searchMunicipalities', () => {
  it('finds by name in any language, accent- and case-insensitive', () => {
    expect(reference.searchMunicipalities('Comines', 10)[0]?.nis).toBe('57097');
    expect(reference.searchMunicipalities('komen', 10)[0]?.nis).toBe('57097');
    expect(reference.searchMunicipalities('LIÈGE', 1)[0]?.nis).toBe('62063');
    expect(reference.searchMunicipalities('liege', 1)[0]?.nis).toBe('62063');
    expect(reference.searchMunicipalities('Lüttich', 1)[0]?.nis).toBe('62063');
  });

  it('puts exact and prefix matches before matches inside a name', () => {
    const results = reference.searchMunicipalities('gent', 50).map((m) => m.name.nl ?? m.name.fr);
    expect(results[0]).toBe('Gent');
    const firstInside = results.findIndex((n) => !foldForSearch(n!).startsWith('gent'));
    const lastPrefix = results.map((n) => foldForSearch(n!).startsWith('gent')).lastIndexOf(true);
    expect(firstInside === -1 || lastPrefix < firstInside || lastPrefix === -1).toBe(true);
  });

  it('finds by postcode prefix and by section (locality) name', () => {
    expect(reference.searchMunicipalities('7780', 5).map((m) => m.nis)).toEqual(['57097']);
    const seventy = reference.searchMunicipalities('77', 100);
    expect(seventy.length).toBeGreaterThan(1);
    expect(seventy.every((m) => m.postalCodes.some((c) => c.startsWith('77')))).toBe(true);
    expect(reference.searchMunicipalities('Ploegsteert', 5).map((m) => m.nis)).toEqual(['57097']);
  });

  it('respects the limit and answers nothing for an empty query', () => {
    expect(reference.searchMunicipalities('a', 3)).toHaveLength(3);
    expect(reference.searchMunicipalities('   ', 10)).toEqual([]);
    expect(reference.searchMunicipalities('gent', 0)).toEqual([]);
  });

  it('property: any name of any municipality, however cased or accented, finds it, ranked among the exact or prefix matches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }),
        (m, pick, upper, prefixLength) => {
          const list = names(m);
          const name = list[pick % list.length]!;
          const query = (upper ? name.toUpperCase() : name.toLowerCase()).slice(0, Math.max(prefixLength, 1));
          const results = reference.searchMunicipalities(query, 565);
          expect(results).toContain(m);
          // nothing matching only inside a name may come before a municipality whose name starts with the query
          const folded = foldForSearch(query);
          const startsWith = (r: (typeof all)[number]) =>
            names(r).some((n) => foldForSearch(n).startsWith(folded));
          if (folded !== '' && startsWith(m)) {
            const index = results.indexOf(m);
            expect(
              results
                .slice(0, index)
                .every((r) => startsWith(r) || names(r).some((n) => foldForSearch(n).includes(` ${folded}`))),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every result matches the query, results are unique and within the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.integer({ min: -2, max: 40 }), (query, limit) => {
        const results = reference.searchMunicipalities(query, limit);
        expect(results.length).toBeLessThanOrEqual(Math.max(limit, 0));
        expect(new Set(results).size).toBe(results.length);
        const folded = foldForSearch(query);
        for (const m of results) {
          const hit =
            m.postalCodes.some((c) => c.startsWith(query.trim())) ||
            names(m).some((n) => foldForSearch(n).includes(folded)) ||
            (localities.get(m.nis) ?? []).some((l) => l.startsWith(folded) || l.includes(` ${folded}`));
          expect(hit).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
