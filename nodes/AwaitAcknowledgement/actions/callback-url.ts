import type { IDataObject } from 'n8n-workflow';

/** The query parameter of the callback URL that names the mandate the execution waits for. */
const MANDATE_QUERY_PARAMETER = 'iplusMandate';

/**
 * The URL registered as the mandate's callback: this execution's resume URL (which carries n8n's
 * resume token), naming the mandate, so the webhook can check that a callback is for the one awaited.
 */
export function callbackUrl(resumeUrl: string, mandateId: string): string {
  const url = new URL(resumeUrl);
  url.searchParams.set(MANDATE_QUERY_PARAMETER, mandateId);
  return url.toString();
}

/** The mandate a callback request was registered for, read back from its query. */
export function awaitedMandateId(query: IDataObject): string | undefined {
  const value = query[MANDATE_QUERY_PARAMETER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
