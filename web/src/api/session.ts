import { forgetAgencies } from './agencies';
import { api, setCsrfToken } from './client';
import { ApiError } from './problem';
import type { Whoami } from './types';

/** The signed-in user, or undefined when there is no session. */
export async function whoami(): Promise<Whoami | undefined> {
  try {
    const me = await api<Whoami>('GET', '/api/whoami', undefined, { quiet401: true });
    if (me.csrfToken) setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.problem.status === 401) return undefined;
    throw e;
  }
}

/** Logs in with the session cookie, then reads the whole profile (agency, province). */
export async function login(user: string, password: string): Promise<Whoami> {
  const r = await api<{ csrfToken?: string }>(
    'POST',
    '/api/auth/login',
    { user, password },
    { quiet401: true },
  );
  setCsrfToken(r.csrfToken);
  const me = await whoami();
  if (!me) throw new ApiError({ status: 401, code: 'unauthenticated' });
  return me;
}

/** Ends the session. */
export async function logout(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout', undefined, { quiet401: true });
  } finally {
    setCsrfToken(undefined);
    forgetAgencies();
  }
}
