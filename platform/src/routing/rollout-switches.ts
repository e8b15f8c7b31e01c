import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../logger';
import { transact, type Db } from '../store/database';
import type { RolloutSwitchesTable } from '../store/schema';
import type { EnginePort } from '../engine-port';
import { systemActor } from '../service-context';
import type { Rollout } from './rollout';
import { resendOldChannel, type OldChannelCases } from './old-channel-cases';

/** The BPMN process whose timer applies a planned switch (bpmn/rollout-switch.bpmn). */
export const ROLLOUT_SWITCH_PROCESS = 'rollout-switch';

/** One entry of a province's rollout history: a switch applied, planned, cancelled or rolled back. */
export interface RolloutSwitch {
  id: string;
  province: string;
  arrondissement: string | null;
  live: boolean;
  kind: 'switch' | 'scheduled' | 'rollback';
  reason: string;
  resendOldChannel: boolean;
  requestedBy: string;
  requestedAt: string;
  dueAt: string | null;
  status: 'scheduled' | 'applied' | 'cancelled' | 'failed';
  processInstanceKey: string | null;
  doneAt: string | null;
  doneBy: string | null;
  tableVersion: number | null;
  detail: string;
}

function view(r: RolloutSwitchesTable): RolloutSwitch {
  return {
    id: r.id,
    province: r.province,
    arrondissement: r.arrondissement,
    live: r.live === 1,
    kind: r.kind as RolloutSwitch['kind'],
    reason: r.reason,
    resendOldChannel: r.resend_old_channel === 1,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    dueAt: r.due_at,
    status: r.status as RolloutSwitch['status'],
    processInstanceKey: r.process_instance_key,
    doneAt: r.done_at,
    doneBy: r.done_by,
    tableVersion: r.table_version,
    detail: r.detail,
  };
}

export interface SwitchRequest {
  province: string;
  arrondissement?: string;
  live: boolean;
  reason?: string;
  /** Re-send the region's open old-channel cases through the platform once it is live. */
  resendOldChannel?: boolean;
}

const reasonNeeded = (what: string) =>
  new UserError(400, 'validation_failed', 'Reason needed', `${what} needs a reason`, [
    { field: 'reason', code: 'required', message: 'say why (it is kept in the rollout history)' },
  ]);

/**
 * Rollout switches as a history: each one applied now (`switch`), planned for a date and applied by
 * the engine's timer (`scheduled`, process `rollout-switch`), or a rollback (off now, with a required
 * reason). Every one is audited with who, when and why.
 */
export class RolloutSwitches {
  constructor(
    private readonly db: Db,
    private readonly rollout: Rollout,
    private readonly engine: EnginePort,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly oldChannel: OldChannelCases,
  ) {}

  /** The rollout history of a province, newest first. */
  async history(province: string): Promise<RolloutSwitch[]> {
    const rows = await this.db
      .selectFrom('rollout_switches')
      .selectAll()
      .where('province', '=', province)
      .orderBy('requested_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(view);
  }

  async get(id: string): Promise<RolloutSwitch | undefined> {
    const row = await this.db
      .selectFrom('rollout_switches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && view(row);
  }

  /** Applies a switch now. Switching off is a rollback and needs a reason. */
  async switchNow(req: SwitchRequest, by: string, agencyId: string): Promise<RolloutSwitch> {
    const reason = req.reason?.trim() ?? '';
    if (!req.live && !reason) throw reasonNeeded('switching a region back to the old channel');
    return this.applyNew(req, req.live ? 'switch' : 'rollback', reason, by, agencyId);
  }

  /** Rolls a province or arrondissement back to the old channel: one action, reason required. */
  async rollback(
    req: { province: string; arrondissement?: string; reason?: string },
    by: string,
    agencyId: string,
  ): Promise<RolloutSwitch> {
    const reason = req.reason?.trim() ?? '';
    if (!reason) throw reasonNeeded('a rollback');
    return this.applyNew({ ...req, live: false }, 'rollback', reason, by, agencyId);
  }

  private async applyNew(
    req: SwitchRequest,
    kind: 'switch' | 'rollback',
    reason: string,
    by: string,
    agencyId: string,
  ): Promise<RolloutSwitch> {
    const version = await this.rollout.set(req.province, req.arrondissement, req.live, by, reason);
    const id = `RS-${randomUUID()}`;
    const now = this.clock.now().toISOString();
    const resent = req.live && req.resendOldChannel ? await this.resend(req, id, by) : 0;
    await transact(this.db, async (trx) => {
      await trx
        .insertInto('rollout_switches')
        .values({
          id,
          province: req.province,
          arrondissement: req.arrondissement ?? null,
          live: req.live ? 1 : 0,
          kind,
          reason,
          resend_old_channel: req.live && req.resendOldChannel ? 1 : 0,
          requested_by: by,
          requested_at: now,
          due_at: null,
          status: 'applied',
          process_instance_key: null,
          done_at: now,
          done_by: by,
          table_version: version,
          detail: resent > 0 ? `${resent} old-channel case(s) re-sent through the platform` : '',
        })
        .execute();
      await this.audit.appendIn(trx, {
        user: by,
        agencyId,
        action: kind === 'rollback' ? 'routing.rollout.rollback' : 'routing.rollout',
        object: `${req.province}${req.arrondissement ? `/${req.arrondissement}` : ''}`,
        justification: reason,
        outcome: 'ok',
      });
    });
    return (await this.get(id))!;
  }

  /**
   * Plans a switch for `at`: a `rollout-switch` instance whose timer fires then and whose service
   * task (`iplus:apply-rollout-switch`) applies it. The date must lie in the future.
   */
  async schedule(req: SwitchRequest & { at: string }, by: string, agencyId: string): Promise<RolloutSwitch> {
    const at = new Date(req.at);
    if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(req.at)) {
      throw new UserError(400, 'validation_failed', 'Invalid date', `at ${req.at} is not a date-time`, [
        {
          field: 'at',
          code: 'invalid_date',
          message: 'give an ISO 8601 date-time such as 2026-03-01T06:00:00Z',
        },
      ]);
    }
    if (at.getTime() <= this.clock.now().getTime()) {
      throw new UserError(400, 'validation_failed', 'Date in the past', `at ${req.at} has passed`, [
        { field: 'at', code: 'in_the_past', message: 'plan a switch after now, or switch now' },
      ]);
    }
    const reason = req.reason?.trim() ?? '';
    if (!req.live && !reason) throw reasonNeeded('a planned switch back to the old channel');
    await this.rollout.check(req.province, req.arrondissement);
    const id = `RS-${randomUUID()}`;
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('rollout_switches')
      .values({
        id,
        province: req.province,
        arrondissement: req.arrondissement ?? null,
        live: req.live ? 1 : 0,
        kind: 'scheduled',
        reason,
        resend_old_channel: req.live && req.resendOldChannel ? 1 : 0,
        requested_by: by,
        requested_at: now,
        due_at: at.toISOString(),
        status: 'scheduled',
        process_instance_key: null,
        done_at: null,
        done_by: null,
        table_version: null,
        detail: '',
      })
      .execute();
    let key: string;
    try {
      key = await this.engine.createProcessInstance(ROLLOUT_SWITCH_PROCESS, {
        switchId: id,
        switchAt: at.toISOString(),
      });
    } catch (e) {
      // Nothing half-written: without its timer the plan is not kept.
      await this.db.deleteFrom('rollout_switches').where('id', '=', id).execute();
      throw e;
    }
    await transact(this.db, async (trx) => {
      await trx
        .updateTable('rollout_switches')
        .set({ process_instance_key: key })
        .where('id', '=', id)
        .execute();
      await this.audit.appendIn(trx, {
        user: by,
        agencyId,
        action: 'routing.rollout.schedule',
        object: `${req.province}${req.arrondissement ? `/${req.arrondissement}` : ''} ${id}`,
        justification: reason,
        outcome: 'ok',
      });
    });
    return (await this.get(id))!;
  }

  /** Cancels a planned switch before it fires: its process instance is cancelled in the engine. */
  async cancel(
    id: string,
    by: string,
    agencyId: string,
    province: (p: string) => void,
  ): Promise<RolloutSwitch> {
    const s = await this.get(id);
    if (!s) throw new UserError(404, 'not_found', 'No such switch', `rollout switch ${id} does not exist`);
    province(s.province);
    if (s.status !== 'scheduled') {
      throw new UserError(
        409,
        'conflict',
        'Not planned any more',
        `switch ${id} is ${s.status}; only a planned switch can be cancelled`,
      );
    }
    const claimed = await this.db
      .updateTable('rollout_switches')
      .set({ status: 'cancelled', done_at: this.clock.now().toISOString(), done_by: by })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) {
      throw new UserError(
        409,
        'conflict',
        'Not planned any more',
        `switch ${id} fired or was cancelled meanwhile`,
      );
    }
    if (s.processInstanceKey) {
      try {
        await this.engine.cancelProcessInstance(s.processInstanceKey);
      } catch (e) {
        this.logger.warn('the planned switch instance could not be cancelled; its worker will skip it', {
          id,
          error: (e as Error).message,
        });
      }
    }
    await this.audit.append({
      user: by,
      agencyId,
      action: 'routing.rollout.cancel',
      object: `${s.province}${s.arrondissement ? `/${s.arrondissement}` : ''} ${id}`,
      outcome: 'ok',
    });
    return (await this.get(id))!;
  }

  /**
   * Applies a planned switch when its timer fires (the worker of `iplus:apply-rollout-switch`).
   * Idempotent: a switch applied or cancelled already is left as it is.
   */
  async applyPlanned(id: string, worker: string): Promise<RolloutSwitch | undefined> {
    const s = await this.get(id);
    if (!s || s.status !== 'scheduled') return s;
    let version: number;
    try {
      version = await this.rollout.set(
        s.province,
        s.arrondissement ?? undefined,
        s.live,
        s.requestedBy,
        s.reason || `planned by ${s.requestedBy}`,
      );
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      await this.db
        .updateTable('rollout_switches')
        .set({ status: 'failed', done_at: this.clock.now().toISOString(), done_by: worker, detail: e.detail })
        .where('id', '=', id)
        .execute();
      return this.get(id);
    }
    const resent = s.live && s.resendOldChannel ? await this.resend(s, id, s.requestedBy) : 0;
    await transact(this.db, async (trx) => {
      await trx
        .updateTable('rollout_switches')
        .set({
          status: 'applied',
          done_at: this.clock.now().toISOString(),
          done_by: worker,
          table_version: version,
          detail: resent > 0 ? `${resent} old-channel case(s) re-sent through the platform` : '',
        })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .execute();
      await this.audit.appendIn(trx, {
        ...systemActor(worker),
        action: 'routing.rollout',
        object: `${s.province}${s.arrondissement ? `/${s.arrondissement}` : ''} ${id}`,
        justification: `planned by ${s.requestedBy}: ${s.reason}`,
        outcome: 'ok',
      });
    });
    return this.get(id);
  }

  private async resend(
    req: { province: string; arrondissement?: string | null },
    switchId: string,
    by: string,
  ): Promise<number> {
    return resendOldChannel(
      this.db,
      this.audit,
      this.clock,
      await this.oldChannel.open(req.province, req.arrondissement ?? undefined),
      switchId,
      by,
    );
  }
}
