import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Problem } from '../api-types';

/**
 * Turns an error response of the platform (an RFC 7807 problem document) into the error the user
 * sees in n8n: the field errors, or else the problem's `detail`, as the message — they say what is
 * wrong and how to fix it — and every field error, with its JSON path, in the description.
 */
export function problemError(node: INode, status: number, body: unknown, itemIndex?: number): NodeApiError {
  const problem = asProblem(body);
  const fieldErrors = (problem.errors ?? []).filter((e) => e.message);
  const message =
    fieldErrors.length > 0
      ? fieldErrors.map((e) => e.message).join('; ')
      : (problem.detail ?? problem.title ?? `The iplus platform answered HTTP ${status}`);
  const description = [
    problem.detail && problem.detail !== message ? problem.detail : undefined,
    ...fieldErrors.map((e) => `${e.field ?? '(request)'}: ${e.message}${e.code ? ` [${e.code}]` : ''}`),
    problem.code ? `Problem code: ${problem.code} (HTTP ${status})` : `HTTP ${status}`,
  ]
    .filter(Boolean)
    .join('\n');
  return new NodeApiError(node, { ...problem, status } as JsonObject, {
    message,
    description,
    httpCode: String(status),
    itemIndex,
  });
}

/** The error when the platform cannot be reached at all: a wrong base URL, or the platform is down. */
export function unreachableError(
  node: INode,
  baseUrl: string,
  cause: Error,
  itemIndex?: number,
): NodeApiError {
  const reason = errorCode(cause);
  // The system error code stays out of the message: n8n would swap such a message for its generic one.
  return new NodeApiError(node, { message: cause.message } as JsonObject, {
    message: `Could not reach the iplus platform at ${baseUrl}`,
    description: `${reason ? `${reason}: ` : ''}${cause.message}. Check the Base URL of the iplus API credential and that the platform is running; the request was not processed, so running the node again is safe.`,
    itemIndex,
  });
}

/** The system error code (ECONNREFUSED, ENOTFOUND…) of an error or of the error it wraps. */
function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

function asProblem(body: unknown): Problem {
  if (typeof body === 'string') {
    try {
      return asProblem(JSON.parse(body));
    } catch {
      return { detail: body.slice(0, 500) || undefined };
    }
  }
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    return body as Problem;
  }
  if (Buffer.isBuffer(body)) return asProblem(body.toString('utf8'));
  return {};
}
