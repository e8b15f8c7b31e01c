import { badRequest } from '../problem';

/** Most items one search returns, as Camunda's API allows. */
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;

/** A parsed `page`: offset (`from`) or cursor (`after` / `before`) paging, never both. */
export interface PageRequest {
  limit: number;
  from: number;
  after?: unknown[];
  before?: unknown[];
}

/** Reads the v2 `page` object, refusing what Camunda refuses (limit above 10,000, from with a cursor). */
export function parsePage(page: unknown): PageRequest {
  if (page === undefined || page === null) return { limit: DEFAULT_LIMIT, from: 0 };
  if (typeof page !== 'object' || Array.isArray(page)) {
    throw badRequest(
      'page must be an object such as { "from": 0, "limit": 50 } or { "after": "<endCursor>", "limit": 50 }',
    );
  }
  const p = page as Record<string, unknown>;
  for (const k of Object.keys(p)) {
    if (!['from', 'limit', 'after', 'before'].includes(k)) {
      throw badRequest(
        `page.${k} is not a paging field; use from and limit, or after / before (a cursor) and limit`,
      );
    }
  }
  const limit = p.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(
      `page.limit must be an integer from 1 to ${MAX_LIMIT}, but was ${JSON.stringify(limit)}; page through larger results with page.after`,
    );
  }
  const from = p.from ?? 0;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw badRequest(`page.from must be an integer of 0 or more, but was ${JSON.stringify(from)}`);
  }
  if (p.after !== undefined && p.before !== undefined) {
    throw badRequest('give page.after or page.before, not both');
  }
  if ((p.after !== undefined || p.before !== undefined) && p.from !== undefined) {
    throw badRequest(
      'page.from (offset paging) cannot be combined with page.after / page.before (cursor paging)',
    );
  }
  const result: PageRequest = { limit, from };
  if (p.after !== undefined) result.after = decodeCursor(p.after, 'page.after');
  if (p.before !== undefined) result.before = decodeCursor(p.before, 'page.before');
  return result;
}

/** An opaque cursor: the sort values and key of one item, as base64url JSON. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: unknown, where: string): unknown[] {
  let values: unknown;
  try {
    if (typeof cursor !== 'string') throw new Error('not a string');
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' && typeof v !== 'string')) {
    throw badRequest(
      `${where} is not a cursor this API returned; pass page.startCursor or page.endCursor of a previous answer`,
    );
  }
  return values;
}
