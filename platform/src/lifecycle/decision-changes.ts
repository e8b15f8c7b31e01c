import type { Principal } from '../auth/roles';
import { nextValue, sequenceId } from '../store/counters';
import type { Db } from '../store/database';

export type ChangeKind = 'revision' | 'revocation' | 'move' | 'release';

/** The id prefix of each kind of change: REV-000001, RVK-…, MOV-…, REL-…. */
const PREFIX: Record<ChangeKind, string> = {
  revision: 'REV',
  revocation: 'RVK',
  move: 'MOV',
  release: 'REL',
};

/** Records a change to a decision (kept as its history; a worker carries it out once). Returns its id. */
export async function insertChange(
  trx: Db,
  c: { decisionId: string; kind: ChangeKind; at: string; by: Principal; payload: unknown },
): Promise<string> {
  const id = sequenceId(PREFIX[c.kind], await nextValue(trx, `change_${c.kind}`));
  await trx
    .insertInto('decision_changes')
    .values({
      id,
      decision_id: c.decisionId,
      kind: c.kind,
      at: c.at,
      by_user: c.by.user,
      agency_id: c.by.agencyId,
      payload_json: JSON.stringify(c.payload),
      applied_at: null,
    })
    .execute();
  return id;
}

/** A change by id, with its payload parsed; undefined when unknown. */
export async function findChange<T>(db: Db, id: string) {
  const row = await db.selectFrom('decision_changes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, payload: JSON.parse(row.payload_json) as T } : undefined;
}

/** Marks a change carried out; false when it already was (a redelivered job does nothing twice). */
export async function markApplied(trx: Db, id: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('decision_changes')
    .set({ applied_at: at })
    .where('id', '=', id)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The open mandates of a decision (not closed), oldest first. */
export async function openMandates(db: Db, decisionId: string) {
  return db
    .selectFrom('mandates')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('status', '!=', 'closed')
    .orderBy('id')
    .execute();
}

/** The sequence number of a change id (`MOV-000042` → 42): ids grow with it, past six digits too. */
const changeNumber = (id: string) => Number(id.slice(id.indexOf('-') + 1));

/** The id of the decision's newest move (the person's current domicile), or undefined: never moved. */
export async function latestMove(db: Db, decisionId: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('decision_changes')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('kind', '=', 'move')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => changeNumber(b) - changeNumber(a))[0];
}

/** Whether a move was recorded for the decision after `moveId` (which it then supersedes). */
export async function superseded(db: Db, decisionId: string, moveId: string): Promise<boolean> {
  const newest = await latestMove(db, decisionId);
  return newest !== undefined && changeNumber(newest) > changeNumber(moveId);
}
