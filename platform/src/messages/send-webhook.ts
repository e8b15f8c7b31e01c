import axios from 'axios';
import { CallbackAllowList, resolveCallbackTarget } from '../callbacks/callback-address';
import { OperationalError } from '../errors';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/**
 * POSTs a signed JSON body to an agency's webhook. Any 2xx delivers it; anything else, a redirect
 * or no answer within the timeout is a failure (retried by the dispatcher). The host is checked as
 * callbacks are (loopback, link-local and private addresses refused unless IPLUS_CALLBACK_ALLOW
 * names them) at each attempt, and the request goes to the address checked.
 */
export async function sendWebhook(
  req: { url: string; secret: string; messageId: string; body: string; at: Date },
  callbackAllow: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  const target = await resolveCallbackTarget(new URL(req.url), new CallbackAllowList(callbackAllow));
  if (!target.ok) {
    throw new OperationalError('webhook_address_refused', `webhook ${req.url} refused: ${target.reason}`);
  }
  let status: number;
  try {
    const res = await axios.post(req.url, req.body, {
      timeout: timeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      lookup: async () => ({ address: target.address, family: target.family }),
      transformRequest: [(data: unknown) => data],
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(req.secret, req.body, req.at),
        [MESSAGE_ID_HEADER]: req.messageId,
      },
    });
    status = res.status;
  } catch (e) {
    throw new OperationalError('webhook_unreachable', `webhook ${req.url} failed: ${(e as Error).message}`);
  }
  if (status < 200 || status >= 300) {
    throw new OperationalError('webhook_status', `webhook ${req.url} answered ${status}`);
  }
}
