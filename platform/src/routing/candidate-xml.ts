/** Suffix of the ids a table is tried under before it becomes the one processes use. */
export const CANDIDATE_SUFFIX = '--candidate';

/**
 * Renames the definitions and every decision of a DMN file (ids, `href="#…"` requirements, DMNDI
 * references and any FEEL text naming them) to `<id>--candidate`. Deployed under those ids, the table
 * can be evaluated by the engine itself without touching `routing-<P>`, which processes use.
 */
export function candidateXml(xml: string): { xml: string; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const definitions = /<(?:\w+:)?definitions\b[^>]*?\sid="([^"]+)"/.exec(xml);
  if (definitions) ids.set(definitions[1]!, definitions[1]! + CANDIDATE_SUFFIX);
  for (const m of xml.matchAll(/<(?:\w+:)?decision\b[^>]*?\sid="([^"]+)"/g))
    ids.set(m[1]!, m[1]! + CANDIDATE_SUFFIX);
  let out = xml;
  // Longest first, so an id that prefixes another is not renamed inside it.
  for (const [from, to] of [...ids].sort((a, b) => b[0].length - a[0].length)) {
    out = out.replace(new RegExp(`(?<![\\w.-])${escape(from)}(?![\\w-])`, 'g'), to);
  }
  return { xml: out, ids };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
