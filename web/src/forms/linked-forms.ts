/** The form ids a BPMN model links its user tasks to (`<zeebe:formDefinition formId="…">`), each once. */
export function linkedFormIds(xml: string): string[] {
  const ids = new Set<string>();
  for (const m of xml.matchAll(/<zeebe:formDefinition\b[^>]*\bformId="([^"]+)"/g)) ids.add(m[1]);
  return [...ids].sort();
}

/** A new, empty Camunda Form with the given id, for the form editor. */
export function blankForm(id: string): Record<string, unknown> {
  return { id, type: 'default', schemaVersion: 16, components: [] };
}
