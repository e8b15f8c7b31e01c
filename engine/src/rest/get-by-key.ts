import { withRootKeys } from './root-instances';
import type { Db } from '../state/database';
import { badRequest, notFoundProblem } from './problem';
import type { EntitySpec } from './search/entity-spec';

/** Reads one entity by its key (a path segment), or answers 404 as Camunda does. */
export function getByKey<Row>(
  db: Db,
  spec: EntitySpec<Row>,
  rawKey: string,
  label: string,
): Record<string, unknown> {
  const key = /^\d{1,16}$/.test(rawKey) ? Number(rawKey) : NaN;
  if (!Number.isSafeInteger(key)) {
    throw badRequest(
      `'${rawKey}' is not a ${label} key; keys are strings of digits such as "2251799813685249"`,
    );
  }
  const row = db.prepare(`SELECT ${spec.select} FROM ${spec.from} WHERE ${spec.key} = ?`).get(key) as
    | Row
    | undefined;
  if (!row)
    throw notFoundProblem(`${label[0].toUpperCase()}${label.slice(1)} with key '${rawKey}' not found`);
  return withRootKeys(db, [spec.toItem(row)])[0];
}
