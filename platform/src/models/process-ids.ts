/** The ids of the processes a BPMN file defines, in document order (empty when it defines none). */
export function processIdsOf(xml: string): string[] {
  const ids: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?process\b[^>]*?\sid="([^"]+)"/g)) ids.push(m[1]!);
  return ids;
}
