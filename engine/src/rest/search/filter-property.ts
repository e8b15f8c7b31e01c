import { parseIsoDate } from '../dates';
import { badRequest } from '../problem';
import type { FieldSpec, Sql } from './entity-spec';

const OPERATORS: Record<FieldSpec['kind'], string[]> = {
  key: ['$eq', '$neq', '$exists', '$in', '$notIn'],
  string: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  enum: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  int: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  date: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  bool: [],
};

const COMPARE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Largest key a JS number holds exactly; engine keys stay below it. */
const MAX_KEY = Number.MAX_SAFE_INTEGER;

/**
 * The SQL condition for one filter property of the v2 API: an exact value, or an object of
 * advanced operators (`{ $gte: ..., $lt: ... }`), combined with AND.
 */
export function filterCondition(field: FieldSpec, value: unknown, where: string): Sql {
  if (field.kind === 'bool') {
    if (typeof value !== 'boolean')
      throw badRequest(`${where} must be true or false, but was ${JSON.stringify(value)}`);
    return { sql: value ? `(${field.column})` : `NOT (${field.column})`, params: [] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return equals(field, [dbValue(field, value, where)], false);
  }
  const ops = Object.entries(value as Record<string, unknown>);
  if (ops.length === 0)
    throw badRequest(`${where} is an empty object; give a value or operators such as $eq`);
  const parts: Sql[] = ops.map(([op, operand]) => operatorCondition(field, op, operand, `${where}.${op}`));
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function operatorCondition(field: FieldSpec, op: string, operand: unknown, where: string): Sql {
  const allowed = OPERATORS[field.kind];
  if (!allowed.includes(op)) {
    throw badRequest(
      `${where}: unknown or unsupported operator '${op}' for this field; use one of ${allowed.join(', ')}`,
    );
  }
  switch (op) {
    case '$eq':
      return equals(field, [dbValue(field, operand, where)], false);
    case '$neq':
      return equals(field, [dbValue(field, operand, where)], true);
    case '$in':
    case '$notIn': {
      if (!Array.isArray(operand) || operand.length === 0) {
        throw badRequest(`${where} must be a non-empty array of values`);
      }
      return equals(
        field,
        operand.map((v, i) => dbValue(field, v, `${where}[${i}]`)),
        op === '$notIn',
      );
    }
    case '$exists':
      if (typeof operand !== 'boolean') throw badRequest(`${where} must be true or false`);
      return { sql: `(${field.column}) IS ${operand ? 'NOT ' : ''}NULL`, params: [] };
    case '$like':
      if (typeof operand !== 'string') throw badRequest(`${where} must be a string with * and ? wildcards`);
      return likeCondition(field, operand);
    default:
      return {
        sql: `(${field.column}) ${COMPARE[op]} ?`,
        params: [dbValue(field, operand, where)],
      };
  }
}

/** `col = v` / `col IN (...)`, enums expanded to the engine states they stand for. */
function equals(field: FieldSpec, values: unknown[], negate: boolean): Sql {
  const flat = field.kind === 'enum' ? values.flatMap((v) => field.values![v as string]) : values;
  if (flat.length === 0) return { sql: negate ? '1' : '0', params: [] };
  const sql =
    flat.length === 1
      ? `(${field.column}) ${negate ? '<>' : '='} ?`
      : `(${field.column}) ${negate ? 'NOT IN' : 'IN'} (${flat.map(() => '?').join(', ')})`;
  return { sql: negate && field.nullable ? `(${sql} OR (${field.column}) IS NULL)` : sql, params: flat };
}

/** Camunda's `$like` (`*` any characters, `?` one, backslash escapes): a case-sensitive GLOB. */
function likeCondition(field: FieldSpec, pattern: string): Sql {
  const tokens = likeTokens(pattern);
  if (field.kind === 'enum') {
    const re = new RegExp(
      '^' +
        tokens
          .map((t) =>
            t === '*' ? '.*' : t === '?' ? '.' : t.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          )
          .join('') +
        '$',
    );
    return equals(
      field,
      Object.keys(field.values!).filter((v) => re.test(v)),
      false,
    );
  }
  const glob = tokens
    .map((t) => (t === '*' || t === '?' ? t : /[*?[\]]/.test(t.slice(1)) ? `[${t.slice(1)}]` : t.slice(1)))
    .join('');
  return { sql: `(${field.column}) GLOB ?`, params: [glob] };
}

/** The pattern as wildcards (`*`, `?`) and literal characters (prefixed with `=`). */
function likeTokens(pattern: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) tokens.push('=' + pattern[++i]);
    else tokens.push(c === '*' || c === '?' ? c : '=' + c);
  }
  return tokens;
}

/** A request value converted to what the column holds (keys and dates to numbers). */
export function dbValue(field: FieldSpec, value: unknown, where: string): unknown {
  switch (field.kind) {
    case 'key': {
      const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_KEY) {
        throw badRequest(
          `${where} must be a key: a string of digits such as "2251799813685249", but was ${JSON.stringify(value)}`,
        );
      }
      return n;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw badRequest(`${where} must be an integer, but was ${JSON.stringify(value)}`);
      }
      return value;
    case 'date':
      return parseIsoDate(value, where);
    case 'enum':
      if (typeof value !== 'string' || !(value in field.values!)) {
        throw badRequest(
          `${where} must be one of ${Object.keys(field.values!).join(', ')}, but was ${JSON.stringify(value)}`,
        );
      }
      return value;
    default:
      if (typeof value !== 'string')
        throw badRequest(`${where} must be a string, but was ${JSON.stringify(value)}`);
      return value;
  }
}
