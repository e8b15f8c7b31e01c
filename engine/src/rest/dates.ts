import { badRequest } from './problem';

/** Epoch milliseconds as ISO 8601 (UTC), the v2 API's date format; absent stays absent. */
export function isoDate(ms: number | null | undefined): string | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms).toISOString();
}

/** An ISO 8601 date-time from a request, as epoch milliseconds; `where` names the field in errors. */
export function parseIsoDate(value: unknown, where: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw badRequest(
      `${where} must be an ISO 8601 date-time such as "2026-01-31T09:00:00.000Z", but was ${JSON.stringify(value)}`,
    );
  }
  return ms;
}
