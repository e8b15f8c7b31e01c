import { withRootKeys } from '../root-instances';
import type { Db } from '../../state/database';
import { badRequest } from '../problem';
import type { EntitySpec, FieldSpec, Sql } from './entity-spec';
import { filterCondition } from './filter-property';
import { encodeCursor, parsePage } from './page-request';

/**
 * Matches are counted up to this many, as Camunda's search does: beyond it `totalItems` stays
 * at the cap and `hasMoreTotalItems` is true, so a count never walks a million rows.
 */
export const COUNT_CAP = 10_000;

export interface SearchAnswer {
  items: Record<string, unknown>[];
  page: {
    totalItems: number;
    hasMoreTotalItems: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export interface SortTerm {
  expr: string;
  desc: boolean;
}

/** The SQL a search runs: a capped count and the page of rows, with their parameters. */
export interface SearchSql {
  count: { sql: string; params: unknown[] };
  rows: { sql: string; params: unknown[] };
  /** Sort terms of the page query, in the order it reads rows (reversed for `before`). */
  terms: SortTerm[];
  backwards: boolean;
}

/**
 * Translates a v2 search request (`{ filter, sort, page }`) into indexed SQL: conditions per
 * filter field, ORDER BY the requested fields then the key, offset or keyset (cursor) paging.
 * Throws an ApiProblem (400) for anything the client must fix.
 */
export function searchSql<Row>(spec: EntitySpec<Row>, body: unknown): SearchSql {
  const request = requestObject(body);
  const where = whereClause(spec, request.filter);
  const sort = sortTerms(spec, request.sort);
  const page = parsePage(request.page);

  const backwards = page.before !== undefined;
  const terms = backwards ? sort.map((t) => ({ ...t, desc: !t.desc })) : sort;
  const conditions = [where];
  const cursor = page.after ?? page.before;
  if (cursor) conditions.push(keysetCondition(terms, cursor));
  return {
    count: {
      sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${spec.from} WHERE ${where.sql} LIMIT ${COUNT_CAP + 1})`,
      params: where.params,
    },
    rows: {
      sql:
        `SELECT ${spec.select}, ${terms.map((t, i) => `${t.expr} AS __s${i}`).join(', ')} FROM ${spec.from} ` +
        `WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')} ` +
        `ORDER BY ${terms.map((t, i) => `__s${i} ${t.desc ? 'DESC' : 'ASC'}`).join(', ')} LIMIT ? OFFSET ?`,
      params: [...conditions.flatMap((c) => c.params), page.limit, cursor ? 0 : page.from],
    },
    terms,
    backwards,
  };
}

/** Runs a v2 search request against one entity and answers `{ items, page }`. */
export function runSearch<Row>(db: Db, spec: EntitySpec<Row>, body: unknown): SearchAnswer {
  const q = searchSql(spec, body);
  const counted = db.prepare(q.count.sql).get(...q.count.params) as { n: number };
  const rows = db.prepare(q.rows.sql).all(...q.rows.params) as Array<Record<string, unknown>>;
  if (q.backwards) rows.reverse();

  const cursorOf = (row: Record<string, unknown>) => encodeCursor(q.terms.map((_t, i) => row[`__s${i}`]));
  const answer: SearchAnswer = {
    items: withRootKeys(
      db,
      rows.map((r) => spec.toItem(r as Row)),
    ),
    page: {
      totalItems: Math.min(counted.n, COUNT_CAP),
      hasMoreTotalItems: counted.n > COUNT_CAP,
      startCursor: null,
      endCursor: null,
    },
  };
  if (rows.length > 0) {
    answer.page.startCursor = cursorOf(rows[0]);
    answer.page.endCursor = cursorOf(rows[rows.length - 1]);
  }
  return answer;
}

function requestObject(body: unknown): { filter?: unknown; sort?: unknown; page?: unknown } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      'the request body must be a JSON object such as { "filter": {}, "sort": [], "page": { "limit": 50 } }',
    );
  }
  for (const k of Object.keys(body)) {
    if (!['filter', 'sort', 'page'].includes(k)) {
      throw badRequest(`unknown property '${k}' in the search request; use filter, sort and page`);
    }
  }
  return body as { filter?: unknown; sort?: unknown; page?: unknown };
}

function whereClause<Row>(spec: EntitySpec<Row>, filter: unknown): Sql {
  if (filter === undefined || filter === null) return { sql: '1', params: [] };
  if (typeof filter !== 'object' || Array.isArray(filter)) {
    throw badRequest(`filter must be an object of ${spec.name} fields, such as { "state": "ACTIVE" }`);
  }
  const parts: Sql[] = [];
  for (const [name, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    const custom = spec.customFilters?.[name];
    const field = spec.fields[name];
    if (custom) parts.push(custom(value, `filter.${name}`));
    else if (field && field.filterable !== false) parts.push(filterCondition(field, value, `filter.${name}`));
    else {
      throw badRequest(
        `unknown filter field '${name}' for ${spec.name}; the fields this engine can filter on are: ${filterableNames(spec).join(', ')}`,
      );
    }
  }
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function filterableNames<Row>(spec: EntitySpec<Row>): string[] {
  return [
    ...Object.keys(spec.fields).filter((n) => spec.fields[n].filterable !== false),
    ...Object.keys(spec.customFilters ?? {}),
  ];
}

function sortTerms<Row>(spec: EntitySpec<Row>, sort: unknown): SortTerm[] {
  const terms: SortTerm[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort))
      throw badRequest('sort must be an array such as [{ "field": "startDate", "order": "DESC" }]');
    sort.forEach((s: unknown, i) => {
      const entry = s as { field?: unknown; order?: unknown } | null;
      const field = typeof entry?.field === 'string' ? spec.fields[entry.field] : undefined;
      if (!field || field.sortable === false) {
        const names = Object.keys(spec.fields).filter((n) => spec.fields[n].sortable !== false);
        throw badRequest(
          `sort[${i}].field ${JSON.stringify(entry?.field)} is not a sort field of ${spec.name}; use one of ${names.join(', ')}`,
        );
      }
      const order = entry!.order === undefined ? 'ASC' : String(entry!.order).toUpperCase();
      if (order !== 'ASC' && order !== 'DESC') {
        throw badRequest(`sort[${i}].order must be ASC or DESC, but was ${JSON.stringify(entry!.order)}`);
      }
      terms.push({ expr: sortExpression(field), desc: order === 'DESC' });
    });
  }
  if (!terms.some((t) => t.expr === spec.key)) terms.push({ expr: spec.key, desc: false });
  return terms;
}

/** Nullable columns sort as a sentinel so that cursors can compare them. */
function sortExpression(field: FieldSpec): string {
  if (!field.nullable) return field.column;
  return `IFNULL(${field.column}, ${field.kind === 'string' || field.kind === 'enum' ? "''" : -1})`;
}

/** Rows strictly after the cursor in the given order: (a > x) OR (a = x AND b > y) OR ... */
function keysetCondition(terms: SortTerm[], cursor: unknown[]): Sql {
  if (cursor.length !== terms.length) {
    throw badRequest(
      'the page cursor was made for a different sort; send the same sort as the request that returned it',
    );
  }
  const ors: string[] = [];
  const params: unknown[] = [];
  terms.forEach((t, i) => {
    const ands = terms.slice(0, i).map((p) => `${p.expr} = ?`);
    ands.push(`${t.expr} ${t.desc ? '<' : '>'} ?`);
    ors.push(`(${ands.join(' AND ')})`);
    params.push(...cursor.slice(0, i + 1));
  });
  return { sql: ors.join(' OR '), params };
}
