import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './database';

/**
 * A query compiled once per shape and store, then run with new values. Kysely builds a query's tree
 * and compiles it to SQL on every call; for the inbox's one query a read that was about 0.2 ms of the
 * platform's CPU, a tenth of the read on PostgreSQL (bench/RESULTS.md, 2026-12-07).
 *
 * `build(shape, values)` builds the query. `shape` holds what decides the SQL's text (which filters,
 * which column): its JSON is the cache key, and `build` may branch on it. `values` are what become
 * the statement's parameters: the first call for a shape builds it with a marker in place of each
 * value and records where each marker lands among the compiled parameters, and every call then
 * sends that SQL with the values put in their places. So `build` must not branch on a value's
 * content, only on `shape` and on whether a value is given (a missing one is `undefined` in both).
 * Each store has its own cache, kept by its dialect's adapter (SQLite and PostgreSQL compile
 * differently), which the store's connections and transactions share: keyed by the `Db` itself, a
 * statement inside a transaction (a new `Db` each time) was compiled anew every time.
 */
export class QueryShapes<S, V extends Record<string, unknown>, R> {
  private readonly compiled = new WeakMap<object, Map<string, Template<V>>>();

  constructor(private readonly build: (db: Db, shape: S, values: V) => Compilable<R>) {}

  /** The query's rows for these values. */
  async execute(db: Db, shape: S, values: V): Promise<R[]> {
    const template = this.templateFor(db, shape, values);
    const parameters = template.slots.map((slot) =>
      slot.key === undefined ? slot.constant : values[slot.key],
    );
    return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters))).rows;
  }

  private templateFor(db: Db, shape: S, values: V): Template<V> {
    const dialect = db.getExecutor().adapter;
    let byShape = this.compiled.get(dialect);
    if (!byShape) this.compiled.set(dialect, (byShape = new Map()));
    const given = Object.keys(values).filter((k) => values[k] !== undefined);
    const key = `${JSON.stringify(shape)}|${given.sort().join(',')}`;
    let template = byShape.get(key);
    if (!template) byShape.set(key, (template = compileTemplate(this.build(db, shape, markers(values)))));
    return template;
  }
}

interface Template<V> {
  sql: string;
  /** Each compiled parameter: a value's key, or a constant the query itself holds. */
  slots: Array<{ key: keyof V & string; constant?: undefined } | { key?: undefined; constant: unknown }>;
}

const MARKER = '\u0000iplus-value:';

/** The values with each given one replaced by its marker (a missing one stays undefined). */
function markers<V extends Record<string, unknown>>(values: V): V {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(values)) out[k] = values[k] === undefined ? undefined : `${MARKER}${k}`;
  return out as V;
}

function compileTemplate<V>(query: Compilable<unknown>): Template<V> {
  const { sql, parameters } = query.compile();
  if (sql.includes(MARKER))
    throw new Error(`a value was written into the SQL text instead of a parameter: ${sql}`);
  return {
    sql,
    slots: parameters.map((p) =>
      typeof p === 'string' && p.startsWith(MARKER)
        ? { key: p.slice(MARKER.length) as keyof V & string }
        : { constant: p },
    ),
  };
}
