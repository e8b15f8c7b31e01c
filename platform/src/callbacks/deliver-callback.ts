import axios from 'axios';
import { OperationalError } from '../errors';
import { viewOf } from '../mandates/mandate-queries';
import type { ServiceContext } from '../service-context';

/** Callbacks are retried (outbox back-off) for this long, then given up (contract: 24 h). */
export const CALLBACK_GIVE_UP_MS = 24 * 60 * 60 * 1000;

/**
 * Outbox handler `callback`: POSTs `{ event: "mandate.acknowledged", mandate }` to a registered URL.
 * Any 2xx answer delivers it; anything else (or no answer within the timeout) is retried.
 */
export async function deliverCallback(
  ctx: ServiceContext,
  callbackId: string,
  timeoutMs = 10_000,
): Promise<void> {
  const cb = await ctx.db.selectFrom('callbacks').selectAll().where('id', '=', callbackId).executeTakeFirst();
  if (!cb || cb.delivered_at) return;
  const mandate = await viewOf(ctx, cb.mandate_id);
  let status: number;
  try {
    const res = await axios.post(
      cb.url,
      { event: 'mandate.acknowledged', callbackId, mandate },
      {
        timeout: timeoutMs,
        validateStatus: () => true,
        maxRedirects: 0,
        headers: { 'content-type': 'application/json' },
      },
    );
    status = res.status;
  } catch (e) {
    throw new OperationalError(
      'callback_unreachable',
      `callback ${callbackId} to ${cb.url} failed: ${(e as Error).message}`,
    );
  }
  if (status < 200 || status >= 300) {
    throw new OperationalError('callback_status', `callback ${callbackId} to ${cb.url} answered ${status}`);
  }
  await ctx.db
    .updateTable('callbacks')
    .set({ delivered_at: ctx.clock.now().toISOString() })
    .where('id', '=', callbackId)
    .execute();
}
