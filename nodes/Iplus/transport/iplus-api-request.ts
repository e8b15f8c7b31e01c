import type {
  IDataObject,
  IExecuteFunctions,
  IHttpRequestMethods,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  IN8nHttpFullResponse,
  IWebhookFunctions,
} from 'n8n-workflow';

import { problemError, unreachableError } from './problem-error';

/** The n8n contexts the nodes call the platform from: execute, the recipient list search, the resume webhook. */
export type IplusContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export type IplusRequest = {
  method: IHttpRequestMethods;
  /** The API path, starting with `/api/`. */
  path: string;
  body?: IDataObject;
  qs?: IDataObject;
  /** The item the request is made for, so an error points at it. */
  itemIndex?: number;
};

/**
 * One call to the iplus API, authenticated with the node's `iplusApi` credential. The one place of the
 * package that does I/O. An error response becomes a NodeApiError that carries the platform's problem
 * detail and field errors; a platform out of reach becomes one that says to check the base URL.
 */
export async function iplusApiRequest(this: IplusContext, request: IplusRequest): Promise<unknown> {
  const credentials = await this.getCredentials('iplusApi');
  const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
  const options: IHttpRequestOptions = {
    method: request.method,
    url: `${baseUrl}${request.path}`,
    body: request.body,
    qs: request.qs,
    headers: { 'X-Justification': justification(this) },
    json: true,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
  };
  let response: IN8nHttpFullResponse;
  try {
    response = (await this.helpers.httpRequestWithAuthentication.call(
      this,
      'iplusApi',
      options,
    )) as IN8nHttpFullResponse;
  } catch (error) {
    throw unreachableError(this.getNode(), baseUrl, error as Error, request.itemIndex);
  }
  if (response.statusCode >= 400) {
    throw problemError(this.getNode(), response.statusCode, response.body, request.itemIndex);
  }
  try {
    return parseJson(response.body);
  } catch {
    throw problemError(
      this.getNode(),
      response.statusCode,
      {
        detail: `The iplus platform at ${baseUrl} answered ${request.method} ${request.path} with something that is not JSON: check that the Base URL of the credential points at the platform, not at another site`,
      },
      request.itemIndex,
    );
  }
}

/** What the platform's audit log records for the request: the workflow and node that made it. */
function justification(context: IplusContext): string {
  return `n8n workflow "${context.getWorkflow().name ?? context.getWorkflow().id}", node "${context.getNode().name}"`;
}

function parseJson(body: unknown): unknown {
  if (Buffer.isBuffer(body)) return parseJson(body.toString('utf8'));
  if (typeof body === 'string') return body === '' ? {} : JSON.parse(body);
  return body;
}
