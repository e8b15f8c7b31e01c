import type { Municipality } from './types';

/**
 * Folds text for matching: accents removed, lower case, every run of non-letters/digits turned into
 * one space. "Écaussinnes", "ecaussinnes" and "ÉCAUSSINNES" fold alike; so do "Comines-Warneton"
 * and "comines warneton".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Entry {
  municipality: Municipality;
  names: string[];
  localities: string[];
  sortKey: string;
}

/** How well an entry matches: lower is better; undefined is no match. */
function rank(entry: Entry, query: string): number | undefined {
  if (entry.names.some((n) => n === query)) return 0;
  if (entry.names.some((n) => n.startsWith(query))) return 1;
  if (entry.names.some((n) => n.includes(` ${query}`))) return 2;
  if (entry.localities.some((l) => l === query || l.startsWith(query) || l.includes(` ${query}`))) return 3;
  if (entry.names.some((n) => n.includes(query))) return 4;
  return undefined;
}

/**
 * Builds the search over municipalities used by the domicile field of the upload form: a name in
 * any language (exact, then prefix, then word prefix, then a section/locality name, then anywhere)
 * or, for a query of digits, a postcode prefix.
 */
export function municipalitySearch(
  municipalities: readonly Municipality[],
  localitiesByNis: ReadonlyMap<string, string[]>,
): (query: string, limit: number) => Municipality[] {
  const entries: Entry[] = municipalities.map((m) => {
    const names = [
      ...new Set([m.name.fr, m.name.nl, m.name.de].filter((n): n is string => !!n).map(foldForSearch)),
    ];
    return {
      municipality: m,
      names,
      localities: [...new Set((localitiesByNis.get(m.nis) ?? []).map(foldForSearch))],
      sortKey: names.slice().sort()[0] ?? m.nis,
    };
  });
  return (query, limit) => {
    if (typeof query !== 'string' || !Number.isFinite(limit) || limit < 1) return [];
    const max = Math.floor(limit);
    const trimmed = query.trim();
    if (/^[0-9]{1,4}$/.test(trimmed)) {
      return entries
        .map((e) => ({ e, code: e.municipality.postalCodes.filter((c) => c.startsWith(trimmed)).sort()[0] }))
        .filter((x): x is { e: Entry; code: string } => x.code !== undefined)
        .sort(
          (a, b) =>
            compare(a.code, b.code) ||
            compare(a.e.sortKey, b.e.sortKey) ||
            compare(a.e.municipality.nis, b.e.municipality.nis),
        )
        .slice(0, max)
        .map((x) => x.e.municipality);
    }
    const folded = foldForSearch(trimmed);
    if (folded === '') return [];
    return entries
      .map((e) => ({ e, r: rank(e, folded) }))
      .filter((x): x is { e: Entry; r: number } => x.r !== undefined)
      .sort(
        (a, b) =>
          a.r - b.r ||
          compare(a.e.sortKey, b.e.sortKey) ||
          compare(a.e.municipality.nis, b.e.municipality.nis),
      )
      .slice(0, max)
      .map((x) => x.e.municipality);
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
