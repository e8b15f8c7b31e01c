import * as http from 'node:http';

/** One answer, with the body parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * The source address to send from (any 127.x.y.z reaches a server on 127.0.0.1 on Linux), so a test
   * plays several callers on different addresses.
   */
  from?: string;
}

/** One HTTP request with node:http (which can pick the local address); JSON bodies. */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const url = new URL(baseUrl);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, localAddress: options.from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A logged-in web session: the cookie header value and the CSRF token. */
export interface WebSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request with this session. */
  headers: Record<string, string>;
}

/** Logs in with a password; returns the session, or the refusal when the status is not 200. */
export async function login(
  baseUrl: string,
  user: string,
  password: string,
  from?: string,
): Promise<{ answer: Answer; session?: WebSession }> {
  const answer = await call(baseUrl, 'POST', '/api/auth/login', { body: { user, password }, from });
  if (answer.status !== 200) return { answer };
  const setCookie = [answer.headers['set-cookie'] ?? []].flat()[0] ?? '';
  const cookie = setCookie.split(';')[0]!;
  const csrfToken = answer.json.csrfToken as string;
  return { answer, session: { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } } };
}
