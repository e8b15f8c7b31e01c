import type { Clock } from '../clock';
import { ApiTokens } from './api-tokens';
import { provinceOfCoordination, type Principal } from './roles';
import { secretHash } from './secrets';
import type { Sessions } from './sessions';
import type { Users } from './users';

/** Name of the web session cookie (contract: "Authentication"). */
export const SESSION_COOKIE = 'iplus_session';

// A token check costs two queries; the inbox is hit hundreds of times a second by the same few
// tokens, so a verified token is remembered briefly, never past its expiry. Revoking a token or
// disabling a user clears the cache at once (`forgetTokens`).
const TOKEN_CACHE_MS = 5000;
const TOKEN_CACHE_MAX = 10000;

/** Turns a request's credentials (bearer token or session cookie) into the caller. */
export class Authenticator {
  private readonly tokenCache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly users: Users,
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokens,
    private readonly clock: Clock,
  ) {}

  /** The caller, or undefined when the request carries no valid credential. */
  async authenticate(
    authorization: string | undefined,
    cookieHeader: string | undefined,
  ): Promise<Principal | undefined> {
    if (authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      return m ? this.fromToken(m[1]!) : undefined;
    }
    const cookie = readCookie(cookieHeader, SESSION_COOKIE);
    return cookie ? this.fromSession(cookie) : undefined;
  }

  /** Forgets cached tokens (after a revocation or a user change). */
  forgetTokens(): void {
    this.tokenCache.clear();
  }

  private async fromToken(token: string): Promise<Principal | undefined> {
    const key = secretHash(token);
    const now = this.clock.now().getTime();
    const cached = this.tokenCache.get(key);
    if (cached && cached.until > now) return cached.principal;
    const owner = await this.tokens.check(token);
    if (!owner) return undefined;
    const user = await this.users.find(owner.user);
    if (!user || user.disabled) return undefined;
    const principal: Principal = {
      user: user.name,
      role: user.role,
      agencyId: user.agencyId,
      language: user.language,
      province: provinceOfCoordination(user.agencyId),
      via: 'token',
    };
    if (this.tokenCache.size >= TOKEN_CACHE_MAX) this.tokenCache.clear();
    const expiry = owner.expiresAt ? Date.parse(owner.expiresAt) : Infinity;
    this.tokenCache.set(key, { principal, until: Math.min(now + TOKEN_CACHE_MS, expiry) });
    return principal;
  }

  private async fromSession(cookie: string): Promise<Principal | undefined> {
    const session = await this.sessions.find(cookie);
    if (!session) return undefined;
    const user = await this.users.find(session.userName);
    if (!user || user.disabled) return undefined;
    return {
      user: user.name,
      role: user.role,
      agencyId: user.agencyId,
      language: user.language,
      province: provinceOfCoordination(user.agencyId),
      via: 'session',
      csrfToken: session.csrfToken,
    };
  }
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
