import { failedPrecondition, notFound } from '../errors';
import type { Db } from '../state/database';

/** The tables that hold rows of one process instance, by their `process_instance_key` column. */
const INSTANCE_TABLES = [
  'variable',
  'element_instance',
  'job',
  'timer',
  'message_subscription',
  'signal_subscription',
  'message_start_lock',
  'incident',
  'decision_instance',
  'user_task',
] as const;

/**
 * DeleteProcessInstance, as Camunda 8.9's `POST /v2/process-instances/{key}/deletion` documents it:
 * a COMPLETED or TERMINATED instance is removed from the engine's state with everything it holds —
 * its variables, element instances, jobs, incidents, decision evaluations, user tasks, the messages
 * correlated to it and its finished child instances. A running instance is refused
 * (FAILED_PRECONDITION, 409 on REST): cancel it first. Runs inside an engine command (`Engine.submit`),
 * so it commits with the engine's own transaction and fsync; the caller then checkpoints the WAL
 * (`wal_checkpoint(TRUNCATE)`) so no older page image keeps the values. Returns the keys deleted, root first.
 */
export function deleteFinishedInstance(db: Db, key: number): number[] {
  // Deleted rows are overwritten with zeros, not left readable in the file's free pages.
  db.pragma('secure_delete = ON');
  const row = db
    .prepare('SELECT state, parent_process_instance_key AS parent FROM process_instance WHERE key = ?')
    .get(key) as { state: string; parent: number | null } | undefined;
  if (!row)
    throw notFound(
      `Expected to delete process instance with key '${key}', but no such process instance was found`,
    );
  const keys = [key, ...descendants(db, key)];
  const running = keys.find((k) => {
    const s = db.prepare('SELECT state FROM process_instance WHERE key = ?').get(k) as { state: string };
    return s.state !== 'COMPLETED' && s.state !== 'TERMINATED';
  });
  if (running !== undefined)
    throw failedPrecondition(
      `Expected to delete process instance with key '${key}', but ${running === key ? 'it' : `its child instance '${running}'`} ` +
        `is not completed or terminated; cancel it first`,
    );
  for (const k of keys) {
    const messages = db
      .prepare('SELECT message_key FROM message_correlation WHERE process_instance_key = ?')
      .all(k) as Array<{ message_key: number }>;
    for (const m of messages) db.prepare('DELETE FROM message WHERE key = ?').run(m.message_key);
    db.prepare('DELETE FROM message_correlation WHERE process_instance_key = ?').run(k);
    for (const table of INSTANCE_TABLES)
      db.prepare(`DELETE FROM ${table} WHERE process_instance_key = ?`).run(k);
    db.prepare('DELETE FROM process_instance WHERE key = ?').run(k);
  }
  return keys;
}

function descendants(db: Db, key: number): number[] {
  const children = db
    .prepare('SELECT key FROM process_instance WHERE parent_process_instance_key = ?')
    .all(key) as Array<{ key: number }>;
  return children.flatMap((c) => [c.key, ...descendants(db, c.key)]);
}
