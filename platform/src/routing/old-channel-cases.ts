import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Outbox } from '../outbox/outbox';
import { transact, type Db } from '../store/database';

/** An open case that took the old channel: the coordinator still sends it the old way. */
export interface OldChannelCase {
  decisionId: string;
  reference: string;
  nis: string;
  arrondissement: string;
  receivedAt: string;
}

/**
 * The open old-channel cases of a region (status `old_channel`): what a switch to live leaves on the
 * old channel unless the coordinator has them re-sent through the platform.
 */
export class OldChannelCases {
  constructor(
    private readonly db: Db,
    /** The arrondissement routing gives each municipality of a province (see rollout-map). */
    private readonly arrondissementOf: (province: string) => Promise<Map<string, string>>,
  ) {}

  async open(province: string, arrondissement?: string): Promise<OldChannelCase[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .select(['id', 'reference', 'nis', 'created_at'])
      .where('province', '=', province)
      .where('status', '=', 'old_channel')
      .orderBy('created_at')
      .execute();
    const map = await this.arrondissementOf(province);
    return rows
      .map((r) => ({
        decisionId: r.id,
        reference: r.reference,
        nis: r.nis,
        arrondissement: map.get(r.nis) ?? '',
        receivedAt: r.created_at,
      }))
      .filter((c) => arrondissement === undefined || c.arrondissement === arrondissement);
  }
}

/**
 * Re-sends old-channel cases through the platform: each goes back to `received` and its process is
 * started again (outbox `start_decision`), so routing — live now — issues its mandates. A case that
 * left `old_channel` meanwhile is skipped. Returns how many were re-sent.
 */
export async function resendOldChannel(
  db: Db,
  audit: AuditLog,
  clock: Clock,
  cases: OldChannelCase[],
  switchId: string,
  by: string,
): Promise<number> {
  let resent = 0;
  for (const c of cases) {
    await transact(db, async (trx) => {
      const moved = await trx
        .updateTable('decisions')
        .set({ status: 'received', process_instance_key: null, routing_json: null })
        .where('id', '=', c.decisionId)
        .where('status', '=', 'old_channel')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return;
      await Outbox.enqueueIn(trx, clock.now(), {
        key: `start:${c.decisionId}:resend:${switchId}`,
        kind: 'start_decision',
        payload: { decisionId: c.decisionId },
      });
      await audit.appendIn(trx, {
        user: by,
        agencyId: 'IPLUS',
        action: 'decision.resend',
        object: c.decisionId,
        justification: `region live (rollout switch ${switchId})`,
        outcome: 'ok',
      });
      resent++;
    });
  }
  return resent;
}
