import axios from 'axios';
import { OperationalError } from '../errors';
import type { ServiceContext } from '../service-context';
import { callbackBody } from './callback-body';
import { CallbackAllowList, resolveCallbackTarget } from './callback-address';

/** Callbacks are retried (outbox back-off) for this long, then given up (contract: 24 h). */
export const CALLBACK_GIVE_UP_MS = 24 * 60 * 60 * 1000;

/**
 * Outbox handler `callback`: POSTs `{ event: "mandate.acknowledged", callbackId, mandate }` (the
 * mandate's ids and status only: `callback-body.ts`) to a registered URL.
 * Any 2xx answer delivers it; anything else (or no answer within the timeout) is retried. A redirect
 * is not followed (3xx is a failure); a host that resolves to a loopback, link-local or private
 * address is refused unless IPLUS_CALLBACK_ALLOW names it.
 */
export async function deliverCallback(
  ctx: ServiceContext,
  callbackId: string,
  timeoutMs = 10_000,
): Promise<void> {
  const cb = await ctx.db.selectFrom('callbacks').selectAll().where('id', '=', callbackId).executeTakeFirst();
  if (!cb || cb.delivered_at) return;
  // Checked again at each delivery (the allow-list or the name's addresses may have changed since
  // registration); the request goes to the address checked, never to a second resolution.
  const target = await resolveCallbackTarget(
    new URL(cb.url),
    new CallbackAllowList(ctx.settings.callbackAllow),
  );
  if (!target.ok) {
    throw new OperationalError(
      'callback_address_refused',
      `callback ${callbackId} to ${cb.url} refused: ${target.reason}`,
    );
  }
  const body = await callbackBody(ctx.db, ctx.reference, ctx.clock.now(), cb);
  if (!body) return;
  let status: number;
  try {
    const res = await axios.post(cb.url, body, {
      timeout: timeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      lookup: async () => ({ address: target.address, family: target.family }),
      headers: { 'content-type': 'application/json' },
    });
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
