/** The tenant every row belongs to: the engine has one (multi-tenancy is not supported). */
export const TENANT = '<default>';

/** SQL literal for the tenant, so `tenantId` can be filtered and sorted like a column. */
export const TENANT_COLUMN = `'${TENANT}'`;

/** A key column as the v2 API sends keys (strings); absent (null) stays absent. */
export function keyString(n: unknown): string | undefined {
  return n === null || n === undefined ? undefined : String(n);
}

/** An item whose absent values are `null`: Camunda 8.9 lists every field of an item, null when unset. */
export function withNulls(item: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(item)) if (item[k] === undefined) item[k] = null;
  return item;
}

/** Identity mapping for enum fields whose API values are the stored values. */
export function sameValues(...values: string[]): Record<string, string[]> {
  return Object.fromEntries(values.map((v) => [v, [v]]));
}
