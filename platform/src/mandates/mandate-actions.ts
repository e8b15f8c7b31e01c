import type { Principal } from '../auth/roles';
import { advanceStatus, recordEvent } from '../views/decision-records';
import { conflict, UserError } from '../errors';
import { Outbox } from '../outbox/outbox';
import type { ServiceContext } from '../service-context';
import { transact, type Db } from '../store/database';
import { nextValue, sequenceId } from '../store/counters';
import { checkMandateAccess, loadMandate } from '../views/mandate-access';
import { CallbackAllowList, resolveCallbackTarget } from '../callbacks/callback-address';
import type { MandateRow } from '../views/mandate-view';

/** Message names of the process models (bpmn/README.md), correlated on the mandate id. */
export const ACK_MESSAGE = 'MandateAcknowledged';
export const REPORT_MESSAGE = 'MandateReported';

/**
 * Acknowledges a mandate for its recipient. Idempotent: a second call returns the mandate unchanged.
 * In the same transaction it queues the `MandateAcknowledged` message (messageId de-duplicates, a TTL
 * buffers it if the process is not waiting yet) and the callbacks registered on the mandate.
 */
export async function acknowledgeMandate(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  note: string | undefined,
  justification?: string,
): Promise<MandateRow> {
  const before = await loadMandate(ctx.db, id);
  await checkMandateAccess(ctx, p, before, 'act', 'mandate.acknowledge', justification);
  const row = await transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, id);
    if (m.status !== 'issued') return m;
    await acknowledgeIn(ctx, trx, m, p.user, note);
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'mandate.acknowledge',
      object: id,
      justification,
      outcome: 'ok',
    });
    return loadMandate(trx, id);
  });
  ctx.outbox.kick();
  return row;
}

async function acknowledgeIn(
  ctx: ServiceContext,
  trx: Db,
  m: MandateRow,
  by: string,
  note: string | undefined,
): Promise<void> {
  const now = ctx.clock.now();
  await trx
    .updateTable('mandates')
    .set({
      status: 'acknowledged',
      acknowledged_at: now.toISOString(),
      acknowledged_by: by,
      ack_note: note ?? null,
    })
    .where('id', '=', m.id)
    .execute();
  await recordEvent(trx, {
    decisionId: m.decision_id,
    at: now.toISOString(),
    event: 'mandate_acknowledged',
    mandateId: m.id,
    agencyId: m.recipient_id,
  });
  await Outbox.enqueueIn(trx, now, {
    key: `publish:${ACK_MESSAGE}:${m.id}`,
    kind: 'publish',
    payload: { name: ACK_MESSAGE, correlationKey: m.id, messageId: `ack-${m.id}`, variables: {} },
  });
  const callbacks = await trx.selectFrom('callbacks').select('id').where('mandate_id', '=', m.id).execute();
  for (const cb of callbacks) {
    await Outbox.enqueueIn(trx, now, {
      key: `callback:${cb.id}`,
      kind: 'callback',
      payload: { callbackId: cb.id },
    });
  }
}

/**
 * Records the recipient's report. A breach outcome sets `breach`; the process then notifies the
 * parquet. Reporting an unacknowledged mandate acknowledges it first. The same report twice is
 * harmless; a different report on a reported mandate is a 409.
 */
export async function reportMandate(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  report: { outcome: string; text?: string },
  justification?: string,
): Promise<MandateRow> {
  if (!ctx.rules.reportOutcomes.includes(report.outcome)) {
    throw new UserError(
      400,
      'validation_failed',
      'Invalid report',
      `outcome must be one of ${ctx.rules.reportOutcomes.join(', ')}`,
      [
        {
          field: 'outcome',
          code: 'invalid_enum',
          message: `outcome must be one of ${ctx.rules.reportOutcomes.join(', ')}`,
        },
      ],
    );
  }
  const before = await loadMandate(ctx.db, id);
  await checkMandateAccess(ctx, p, before, 'act', 'mandate.report', justification);
  const breach = ctx.rules.breachOutcomes.includes(report.outcome);
  const row = await transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, id);
    if (m.status === 'reported') {
      if (m.report_outcome === report.outcome && (m.report_text ?? '') === (report.text ?? '')) return m;
      throw conflict(
        'already_reported',
        `mandate ${id} was already reported (${m.report_outcome}) by ${m.report_by}; a report cannot be changed`,
      );
    }
    if (m.status === 'issued') await acknowledgeIn(ctx, trx, m, p.user, undefined);
    const now = ctx.clock.now();
    await trx
      .updateTable('mandates')
      .set({
        status: 'reported',
        report_outcome: report.outcome,
        report_breach: breach ? 1 : 0,
        report_text: report.text ?? null,
        report_at: now.toISOString(),
        report_by: p.user,
      })
      .where('id', '=', id)
      .execute();
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at: now.toISOString(),
      event: 'mandate_reported',
      mandateId: id,
      agencyId: m.recipient_id,
    });
    await Outbox.enqueueIn(trx, now, {
      key: `publish:${REPORT_MESSAGE}:${id}`,
      kind: 'publish',
      payload: {
        name: REPORT_MESSAGE,
        correlationKey: id,
        messageId: `report-${id}`,
        variables: {
          report: {
            outcome: report.outcome,
            breach,
            text: report.text ?? '',
            at: now.toISOString(),
            by: p.user,
          },
        },
      },
    });
    const open = await trx
      .selectFrom('mandates')
      .select('id')
      .where('decision_id', '=', m.decision_id)
      .where('status', '!=', 'reported')
      .where('id', '!=', id)
      .executeTakeFirst();
    if (!open) await advanceStatus(trx, m.decision_id, 'closed', ['routed', 'manual_assignment', 'received']);
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'mandate.report',
      object: id,
      justification,
      outcome: 'ok',
    });
    return loadMandate(trx, id);
  });
  ctx.outbox.kick();
  return row;
}

/**
 * Registers a URL to POST `{ event: "mandate.acknowledged", mandate }` to once the mandate is
 * acknowledged (at once if it already is). This is how n8n's Await Acknowledgement node resumes.
 */
export async function registerCallback(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  url: string,
  justification?: string,
): Promise<{ id: string; url: string }> {
  const parsed = checkCallbackUrl(url);
  const before = await loadMandate(ctx.db, id);
  await checkMandateAccess(ctx, p, before, 'read', 'mandate.callback', justification);
  const target = await resolveCallbackTarget(parsed, new CallbackAllowList(ctx.settings.callbackAllow));
  if (!target.ok) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action: 'mandate.callback',
      object: id,
      justification,
      outcome: 'denied',
    });
    throw new UserError(422, 'callback_address_refused', 'Callback address refused', target.reason, [
      { field: 'url', code: 'callback_address_refused', message: target.reason },
    ]);
  }
  const result = await transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, id);
    const now = ctx.clock.now();
    const cbId = sequenceId('CB', await nextValue(trx, 'callback'));
    await trx
      .insertInto('callbacks')
      .values({
        id: cbId,
        mandate_id: id,
        url,
        created_by: p.user,
        created_at: now.toISOString(),
        delivered_at: null,
      })
      .execute();
    if (m.status !== 'issued') {
      await Outbox.enqueueIn(trx, now, {
        key: `callback:${cbId}`,
        kind: 'callback',
        payload: { callbackId: cbId },
      });
    }
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'mandate.callback',
      object: id,
      justification,
      outcome: 'ok',
    });
    return { id: cbId, url };
  });
  ctx.outbox.kick();
  return result;
}

function checkCallbackUrl(url: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || url.length > 2000) {
    throw new UserError(
      400,
      'validation_failed',
      'Invalid callback URL',
      'url must be an absolute http(s) URL of at most 2,000 characters',
      [
        {
          field: 'url',
          code: 'invalid_url',
          message: 'use an absolute http(s) URL, such as https://n8n.example/webhook-waiting/123',
        },
      ],
    );
  }
  if (parsed.username || parsed.password) {
    throw new UserError(400, 'validation_failed', 'Invalid callback URL', 'url must not carry credentials', [
      { field: 'url', code: 'invalid_url', message: 'remove the user name and password from the URL' },
    ]);
  }
  return parsed;
}
