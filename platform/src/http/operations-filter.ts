import { UserError } from '../errors';

/** Filter and sort fields that test a variable's value (`variables/search`'s `value`, `process-instances/search`'s `variables`). */
const VALUE_FIELDS = new Set(['value', 'variables']);

/**
 * Where a search body tests a variable's value: a filter on `value` or `variables` at any depth
 * (`$like`, `$eq`, `$in`… or a plain value) or a sort on it (sorting by a value ranks it). The
 * path of the first one, or undefined.
 */
export function valueTestIn(body: unknown, at = ''): string | undefined {
  if (Array.isArray(body)) {
    for (const [i, item] of body.entries()) {
      const found = valueTestIn(item, `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  for (const [key, inner] of Object.entries(body)) {
    const here = at ? `${at}.${key}` : key;
    if (VALUE_FIELDS.has(key)) return here;
    if (key === 'field' && typeof inner === 'string' && VALUE_FIELDS.has(inner)) return here;
    const found = valueTestIn(inner, here);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a search that tests variable values for a role that may not read them: the answer hides
 * the values, but a filter (`{"value": {"$like": "\"A*"}}`) would still tell them, character by
 * character, through which variables match.
 */
export function refuseValueTests(role: string, resource: string, body: unknown): void {
  const where = valueTestIn(body);
  if (where === undefined) return;
  throw new UserError({
    status: 403,
    code: 'forbidden',
    title: 'Filter on variable values not allowed',
    detail:
      `${role} may not filter or sort ${resource} on variable values ("${where}"): values can hold personal data, ` +
      'which the operations view hides from this role; filter on names, keys, states or dates instead',
    errors: [
      {
        field: where,
        code: 'value_filter_forbidden',
        message: 'variable values are personal data for this role',
      },
    ],
  });
}
