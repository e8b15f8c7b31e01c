import type { DecisionScope, MandateScope } from '../auth/need-to-know';
import type { Db } from '../store/database';

/** The case a process instance belongs to: its decision, and the mandate for a follow-up instance. */
export interface TaskCase {
  decision: DecisionScope;
  mandate?: MandateScope;
}

/**
 * The case of a process instance the platform started: a decision's `conditional-release`
 * instance, or a mandate's follow-up. Undefined for an instance that carries no case (started by
 * hand or by another tool), whose variables then hold no case data.
 */
export async function caseOfInstance(db: Db, processInstanceKey: string): Promise<TaskCase | undefined> {
  const decision = await db
    .selectFrom('decisions')
    .select(['id', 'parquet_id', 'province', 'prison_id'])
    .where('process_instance_key', '=', processInstanceKey)
    .executeTakeFirst();
  if (decision) return { decision: scopeOf(decision) };
  const mandate = await db
    .selectFrom('mandates')
    .innerJoin('decisions', 'decisions.id', 'mandates.decision_id')
    .select([
      'mandates.id as mandate_id',
      'mandates.recipient_id',
      'decisions.id',
      'decisions.parquet_id',
      'decisions.province',
      'decisions.prison_id',
    ])
    .where('mandates.process_instance_key', '=', processInstanceKey)
    .executeTakeFirst();
  if (!mandate) return undefined;
  return {
    decision: scopeOf(mandate),
    mandate: {
      id: mandate.mandate_id,
      recipientId: mandate.recipient_id,
      parquetId: mandate.parquet_id,
      province: mandate.province,
    },
  };
}

function scopeOf(r: { id: string; parquet_id: string; province: string; prison_id: string | null }) {
  return { id: r.id, parquetId: r.parquet_id, province: r.province, prisonId: r.prison_id };
}
