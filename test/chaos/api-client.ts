/** One HTTP answer; `status` 0 when no answer came (connection refused or reset by a kill). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls the platform at whatever URL it currently serves on (it moves at each restart: ports are 0).
 * Never throws: a request cut by a kill is an answer with status 0, which the ledger does not count.
 */
export async function call<T = unknown>(
  baseUrl: string,
  token: string,
  method: string,
  p: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Answer<T>> {
  try {
    const res = await fetch(baseUrl + p, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && buf.length > 0 ? (JSON.parse(buf.toString()) as T) : (buf as T);
    return { status: res.status, body: parsed };
  } catch (e) {
    return { status: 0, body: (e as Error).message as T };
  }
}

/**
 * Creates a user of `role` in `agencyId` (as admin) and an API token for it (login, then
 * POST /api/tokens with the session's CSRF token), as an agency's administrator would.
 */
export async function agencyToken(
  baseUrl: string,
  adminToken: string,
  name: string,
  role: string,
  agencyId: string,
): Promise<string> {
  const password = `chaos-${name}-password`;
  const created = await call(baseUrl, adminToken, 'POST', '/api/users', { name, password, role, agencyId });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`creating ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: name, password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const issued = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ label: 'chaos' }),
  });
  if (issued.status !== 201) throw new Error(`token for ${name}: ${issued.status} ${await issued.text()}`);
  return ((await issued.json()) as { token: string }).token;
}
