import type { Db } from '../state/database';

/** Deepest call-activity nesting followed (a guard against a broken parent chain). */
const MAX_DEPTH = 1_000;

/**
 * Adds 8.9's `rootProcessInstanceKey` to every item that has a `processInstanceKey`: the instance
 * at the top of its call-activity chain (itself for a top-level instance), null when the item
 * belongs to no instance. One primary-key lookup per level, remembered for the page.
 */
export function withRootKeys(db: Db, items: Record<string, unknown>[]): Record<string, unknown>[] {
  const parentOf = db.prepare(
    'SELECT parent_process_instance_key AS parent FROM process_instance WHERE key = ?',
  );
  const roots = new Map<string, string>();
  const rootOf = (key: string): string => {
    const known = roots.get(key);
    if (known) return known;
    let current = key;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const row = parentOf.get(Number(current)) as { parent: number | null } | undefined;
      if (!row || row.parent === null) break;
      current = String(row.parent);
    }
    roots.set(key, current);
    return current;
  };
  for (const item of items) {
    if (!('processInstanceKey' in item)) continue;
    const key = item.processInstanceKey;
    item.rootProcessInstanceKey = typeof key === 'string' ? rootOf(key) : null;
  }
  return items;
}
