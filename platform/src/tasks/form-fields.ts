/**
 * The variables a Camunda Form (form-js schema) submits: the `key` of every input field, at any
 * depth, or the first segment of a group's `path` (its fields are submitted under it). Used to refuse a
 * completion that sets variables the task's form does not have.
 */
export function formFieldKeys(schema: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const c = node as { key?: unknown; path?: unknown; type?: unknown; components?: unknown };
    if (typeof c.path === 'string' && c.path !== '') return void keys.add(c.path.split('.')[0]);
    if (typeof c.key === 'string' && c.key !== '' && c.type !== 'default') keys.add(c.key.split('.')[0]);
    visit(c.components);
  };
  visit((schema as { components?: unknown } | null)?.components ?? []);
  return keys;
}
