import type { ModelElement } from './bpmn-elements';

/** One instruction of a migration: an element of the source version becomes one of the target. */
export interface ElementMapping {
  sourceElementId: string;
  targetElementId: string;
}

/**
 * The mapping proposed before an analyst edits it: each element of the source version that the
 * target version has under the same id and type, events only when their kind of event stays the
 * same (elements without a counterpart stay unmapped). Catch events are mapped too (boundary
 * events, event-subprocess starts, intermediate catch events): the engine then keeps their
 * subscriptions (a timer its due date, a message its correlation key) rather than opening them
 * anew, as Zeebe does; an unmapped catch event's subscription is closed and the target's opened.
 */
export function autoMapping(
  source: Map<string, ModelElement>,
  target: Map<string, ModelElement>,
): ElementMapping[] {
  const out: ElementMapping[] = [];
  for (const s of source.values()) {
    const t = target.get(s.id);
    if (t && t.type === s.type && t.event === s.event && !(s.type === 'startEvent' && !s.event))
      out.push({ sourceElementId: s.id, targetElementId: t.id });
  }
  return out;
}

/**
 * What is wrong with a mapping as a whole (before any instance is looked at): a source element
 * the source version lacks, a target the target version lacks, one source mapped twice, a change
 * of element type or of an event's kind (a timer cannot become a message). Each problem names the element.
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
    else if (s && t && s.event !== t.event)
      problems.push({
        field,
        message: `${m.sourceElementId} is a ${s.event ?? 'none'} event and ${m.targetElementId} a ${t.event ?? 'none'} event: an event cannot change its kind`,
      });
  });
  return problems;
}
