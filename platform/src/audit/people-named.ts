import type { Db } from '../store/database';

/** A person a free text may name: the person of a case (number and names, as the case holds them). */
export interface NamedPerson {
  nrn?: string;
  lastName?: string;
  firstNames?: string;
}

/** At most this many ids of a list entry are looked up (a list's object is cut at 2,000 characters). */
const MAX_IDS = 200;

/**
 * The people of the cases an audit entry's object names: a decision (id or reference), a mandate, a
 * signalement or a notification, or a comma-separated list of them. Read in the entry's own
 * transaction, so a change audited with its own rows sees them. Ids of nothing (a pseudonym, a
 * route) name no one.
 */
export async function peopleNamedBy(db: Db, object: string): Promise<NamedPerson[]> {
  const ids = [
    ...new Set(
      object
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, MAX_IDS);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('decisions')
    .select('input_json')
    .where((eb) =>
      eb.or([
        eb('id', 'in', ids),
        eb('reference', 'in', ids),
        eb('id', 'in', eb.selectFrom('mandates').select('decision_id').where('id', 'in', ids)),
        eb('id', 'in', eb.selectFrom('signalements').select('decision_id').where('id', 'in', ids)),
        eb('id', 'in', eb.selectFrom('notifications').select('decision_id').where('id', 'in', ids)),
      ]),
    )
    .execute();
  return rows.map((r) => personIn(r.input_json));
}

/** The person of a case, from its decision's `input_json`. */
export function personIn(inputJson: string): NamedPerson {
  return (JSON.parse(inputJson) as { person?: NamedPerson }).person ?? {};
}
