/** A SQL fragment and its positional parameters. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/**
 * How a v2 field maps to the engine's tables. `column` is a SQL expression over the entity's
 * `from` clause. Kinds decide which filter operators apply: keys, strings and enums take
 * `$eq/$neq/$exists/$in/$notIn` (strings and enums also `$like`), integers and dates also
 * `$gt/$gte/$lt/$lte`, booleans only an exact value.
 */
export interface FieldSpec {
  column: string;
  kind: 'key' | 'string' | 'int' | 'date' | 'bool' | 'enum';
  nullable?: boolean;
  /** Enum fields: each API value and the engine states it stands for (none = matches nothing). */
  values?: Record<string, string[]>;
  /** False for fields that can be filtered on but not sorted by (or the reverse). */
  sortable?: boolean;
  filterable?: boolean;
}

/** A filter field whose condition is not a single column (such as `variables`). */
export type CustomFilter = (value: unknown, where: string) => Sql;

/** One searchable entity of the v2 API. */
export interface EntitySpec<Row = Record<string, unknown>> {
  /** Plural name used in error details ("process instances"). */
  name: string;
  /** Columns to select and the FROM clause (with joins), `key` the unique, indexed key column. */
  select: string;
  from: string;
  key: string;
  fields: Record<string, FieldSpec>;
  customFilters?: Record<string, CustomFilter>;
  /** The v2 item for a row. */
  toItem(row: Row): Record<string, unknown>;
}
