/** One reason a BPMN resource is refused, tied to the element it is about. */
export interface ModelProblem {
  elementId: string;
  message: string;
}

/** Zeebe's shape: the resource, then each element with its errors. */
export function formatProblems(resourceName: string, problems: ModelProblem[]): string {
  const byElement = new Map<string, string[]>();
  for (const p of problems) byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p.message]);
  const lines = [`'${resourceName}':`];
  for (const [id, messages] of byElement) {
    lines.push(`- Element: ${id}`);
    for (const m of messages) lines.push(`    - ERROR: ${m}`);
  }
  return lines.join('\n');
}
