import { ApiError, toProblem } from './problem';

/** The CSRF token of the session (from login or whoami), sent on every request that changes state. */
let csrfToken: string | undefined;

/** Remembers the session's CSRF token; called after login and whoami. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the API answers 401 on a page that needs a session: the app shows the login page. */
let onUnauthenticated: () => void = () => undefined;

/** Sets what to do when the session is gone (expired, logged out elsewhere). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export interface CallOptions {
  /** Why personal data is read or changed; recorded in the audit log (`X-Justification`). */
  justification?: string;
  /** Do not treat 401 as "session gone" (the login and whoami calls). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

/**
 * Calls the platform's API on the same origin. JSON in, JSON out; FormData is sent as multipart.
 * Failures throw ApiError with the problem document; the network being down is a problem too.
 */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.justification) headers['X-Justification'] = justificationHeader(options.justification);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', detail: (e as Error).message });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) onUnauthenticated();
    throw new ApiError(toProblem(response.status, parsed));
  }
  return parsed as T;
}

/**
 * The X-Justification value: a header carries Latin-1 only (fetch refuses anything else), so a reason
 * beyond ASCII (é, ’, Ş, Cyrillic…) goes as an RFC 8187 ext-value, which the platform decodes.
 */
export function justificationHeader(reason: string): string {
  return /^[\x20-\x7e]*$/.test(reason) && !/^UTF-8''/i.test(reason)
    ? reason
    : `UTF-8''${encodeURIComponent(reason)}`;
}

/** Fetches a binary resource (the decision PDF) with the session cookie. */
export async function apiBytes(path: string, options: CallOptions = {}): Promise<ArrayBuffer> {
  const headers: Record<string, string> = {};
  if (options.justification) headers['X-Justification'] = justificationHeader(options.justification);
  const response = await fetch(path, { headers, credentials: 'same-origin', signal: options.signal });
  if (!response.ok) {
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(toProblem(response.status, parsed));
  }
  return response.arrayBuffer();
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** POSTs JSON and returns the binary answer (the access report as a PDF). */
export async function apiPostBytes(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(toProblem(response.status, parsed));
  }
  return response.blob();
}
