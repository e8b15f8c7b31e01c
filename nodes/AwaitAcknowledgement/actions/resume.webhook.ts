import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isAcknowledged, type AcknowledgementCallback, type Mandate } from '../../Iplus/api-types';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';
import { awaitedMandateId } from './callback-url';
import { statusOf } from '../../Iplus/mandate-status';

/**
 * Resumes the waiting execution when the platform calls back: `{ event: "mandate.acknowledged",
 * mandate }` for the mandate awaited. The mandate is read again from the platform rather than taken
 * from the request, and goes out of Acknowledged as its ids and status (`statusOf`). A callback for another mandate, or for one not
 * acknowledged after all, is refused (4xx, so the platform retries) and the execution keeps waiting.
 */
export async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const body = this.getBodyData() as AcknowledgementCallback;
  const awaited = awaitedMandateId(this.getQueryData() as IDataObject);
  const called = body.mandate?.id;
  if (body.event !== 'mandate.acknowledged' || !called || (awaited && called !== awaited)) {
    return refuse(
      this,
      400,
      `expected { "event": "mandate.acknowledged", "mandate": { "id": "${awaited ?? '…'}" } }`,
    );
  }
  const mandate = (await iplusApiRequest.call(this, {
    method: 'GET',
    path: `/api/mandates/${encodeURIComponent(called)}`,
  })) as Mandate;
  if (!isAcknowledged(mandate)) {
    return refuse(this, 409, `mandate ${called} is ${mandate.status}, not acknowledged`);
  }
  return {
    webhookResponse: { resumed: true, mandateId: mandate.id },
    workflowData: [[{ json: statusOf(mandate), pairedItem: { item: 0 } }], []],
  };
}

function refuse(context: IWebhookFunctions, status: number, detail: string): IWebhookResponseData {
  context.getResponseObject().status(status).json({ error: detail });
  return { noWebhookResponse: true };
}
