import { sql } from 'kysely';
import type { Db } from './database';

/**
 * Next value of a named sequence (decisions, notifications, signalements…). Runs inside the caller's
 * transaction so an id is only used when the row that carries it commits. Portable upsert+RETURNING.
 */
export async function nextValue(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Formats a sequence number as a fixed-width id, such as `D-000123`. */
export function sequenceId(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(6, '0')}`;
}
