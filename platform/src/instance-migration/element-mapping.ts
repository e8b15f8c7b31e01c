import type { ModelElement } from './bpmn-elements';

/** One instruction of a migration: an element of the source version becomes one of the target. */
export interface ElementMapping {
  sourceElementId: string;
  targetElementId: string;
}

/**
 * The mapping proposed before an analyst edits it: each element of the source version that the
 * target version has under the same id and type (elements without a counterpart stay unmapped).
 */
export function autoMapping(
  source: Map<string, ModelElement>,
  target: Map<string, ModelElement>,
): ElementMapping[] {
  const out: ElementMapping[] = [];
  for (const s of source.values()) {
    const t = target.get(s.id);
    if (t && t.type === s.type && !NEVER_MAPPED.has(s.type))
      out.push({ sourceElementId: s.id, targetElementId: t.id });
  }
  return out;
}

/** Elements no token waits in, so a mapping of them means nothing (start events). */
const NEVER_MAPPED = new Set(['startEvent']);

/**
 * What is wrong with a mapping as a whole (before any instance is looked at): a source element
 * the source version lacks, a target the target version lacks, one source mapped twice, or a change
 * of element type. Each problem names the element.
 */
export function mappingProblems(
  mapping: ElementMapping[],
  source: Map<string, ModelElement>,
  target: Map<string, ModelElement>,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  mapping.forEach((m, i) => {
    const field = `mapping[${i}]`;
    const s = source.get(m.sourceElementId);
    const t = target.get(m.targetElementId);
    if (seen.has(m.sourceElementId))
      problems.push({ field, message: `${m.sourceElementId} is mapped more than once` });
    seen.add(m.sourceElementId);
    if (!s) problems.push({ field, message: `the source version has no element ${m.sourceElementId}` });
    if (!t) problems.push({ field, message: `the target version has no element ${m.targetElementId}` });
    if (s && t && s.type !== t.type)
      problems.push({
        field,
        message: `${m.sourceElementId} is a ${s.type} and ${m.targetElementId} a ${t.type}: an element cannot change its type`,
      });
  });
  return problems;
}
