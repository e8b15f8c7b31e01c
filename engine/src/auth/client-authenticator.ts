import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock/clock';

/**
 * Who may call the engine. At least one of the two must be given: there is no anonymous mode.
 * - `basic`: one client id and secret (HTTP Basic, as Camunda 8.8's gateway accepts them).
 * - `oauth`: OAuth 2 client-credentials bearer tokens (JWT) from `issuer`, for `audience`,
 *   signed by a key of the issuer's JWKS (`jwksUrl`, or the one its discovery document names).
 */
export interface EngineAuthOptions {
  basic?: { clientId: string; clientSecret: string };
  oauth?: { issuer: string; audience: string; jwksUrl?: string };
}

/** A caller the engine let in. */
export interface EngineCaller {
  clientId: string;
  via: 'basic' | 'bearer';
}

/** A call without valid credentials; the message says what is missing or wrong. */
export class Unauthenticated extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** Verified tokens remembered (until their expiry), so a client's next calls skip the RSA check. */
const VERIFIED_TOKENS_KEPT = 1000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks the `Authorization` value of a call (gRPC metadata or HTTP header). The Basic secret is
 * kept only as its SHA-256 and compared in constant time; bearer tokens are verified with `jose`
 * (signature against the issuer's JWKS, issuer, audience, expiry read from the engine's clock).
 */
export class ClientAuthenticator {
  private readonly basic?: { idHash: Buffer; secretHash: Buffer; clientId: string };
  private readonly oauth?: { issuer: string; audience: string; jwksUrl?: string };
  private keys?: Promise<JWTVerifyGetKey>;
  /** Token → caller and expiry (ms), oldest first; an entry is used only before its expiry. */
  private readonly verified = new Map<string, { caller: EngineCaller; expiresAt: number }>();

  constructor(
    options: EngineAuthOptions,
    private readonly clock: Clock,
  ) {
    if (!options.basic && !options.oauth) {
      throw new Error(
        'the engine needs credentials to check: give auth.basic (client id and secret) or auth.oauth (issuer and audience)',
      );
    }
    if (options.basic) {
      if (!options.basic.clientId || !options.basic.clientSecret)
        throw new Error('auth.basic needs a non-empty clientId and clientSecret');
      this.basic = {
        clientId: options.basic.clientId,
        idHash: sha256(options.basic.clientId),
        secretHash: sha256(options.basic.clientSecret),
      };
    }
    if (options.oauth) {
      if (!options.oauth.issuer || !options.oauth.audience)
        throw new Error('auth.oauth needs an issuer and an audience');
      this.oauth = { ...options.oauth };
    }
  }

  /** What a caller may send, for messages and the WWW-Authenticate header. */
  get schemes(): string[] {
    return [...(this.oauth ? ['Bearer'] : []), ...(this.basic ? ['Basic'] : [])];
  }

  /** The caller behind an Authorization value, or an Unauthenticated error saying why not. */
  async authenticate(authorization: string | undefined): Promise<EngineCaller> {
    if (!authorization) {
      throw new Unauthenticated(
        `no credentials: this engine requires an Authorization of ${this.expected()}`,
      );
    }
    const space = authorization.indexOf(' ');
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'basic') return this.checkBasic(value);
    if (scheme === 'bearer') return this.checkBearer(value);
    throw new Unauthenticated(
      `unsupported authorization scheme "${scheme}": this engine requires ${this.expected()}`,
    );
  }

  private expected(): string {
    const ways: string[] = [];
    if (this.oauth)
      ways.push(
        `"Bearer <token>" (an OAuth client-credentials token from ${this.oauth.issuer} for audience ${this.oauth.audience})`,
      );
    if (this.basic) ways.push('"Basic <base64 of client id:secret>" (the configured client credentials)');
    return ways.join(' or ');
  }

  private checkBasic(value: string): EngineCaller {
    if (!this.basic)
      throw new Unauthenticated(`Basic credentials are not accepted here: send ${this.expected()}`);
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new Unauthenticated('malformed Basic credentials: expected base64 of "client id:secret"');
    const idOk = timingSafeEqual(sha256(decoded.slice(0, colon)), this.basic.idHash);
    const secretOk = timingSafeEqual(sha256(decoded.slice(colon + 1)), this.basic.secretHash);
    if (!idOk || !secretOk) throw new Unauthenticated('wrong client id or secret');
    return { clientId: this.basic.clientId, via: 'basic' };
  }

  private async checkBearer(token: string): Promise<EngineCaller> {
    const oauth = this.oauth;
    if (!oauth) throw new Unauthenticated(`bearer tokens are not accepted here: send ${this.expected()}`);
    if (!token) throw new Unauthenticated('empty bearer token');
    const known = this.verified.get(token);
    if (known && this.clock.now() < known.expiresAt) return known.caller;
    this.verified.delete(token);
    let payload;
    try {
      payload = (
        await jwtVerify(token, await this.keySet(), {
          issuer: oauth.issuer,
          audience: oauth.audience,
          currentDate: new Date(this.clock.now()),
          requiredClaims: ['exp'],
        })
      ).payload;
    } catch (e) {
      throw new Unauthenticated(this.tokenProblem(e));
    }
    const caller: EngineCaller = {
      clientId: String(payload.client_id ?? payload.azp ?? payload.sub ?? 'unknown'),
      via: 'bearer',
    };
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { caller, expiresAt: payload.exp! * 1000 });
    return caller;
  }

  private tokenProblem(e: unknown): string {
    const oauth = this.oauth!;
    if (e instanceof Unauthenticated) return e.message;
    if (e instanceof joseErrors.JWTExpired)
      return `the bearer token expired: request a new one from ${oauth.issuer}`;
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === 'aud')
        return `the bearer token is not for this engine: its audience must be ${oauth.audience}`;
      if (e.claim === 'iss') return `the bearer token was not issued by ${oauth.issuer}`;
      return `the bearer token's "${e.claim}" claim is not valid: ${e.reason}`;
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      return `the bearer token's signature does not verify with the keys of ${oauth.issuer}`;
    if (e instanceof joseErrors.JWKSNoMatchingKey)
      return `the bearer token is signed with a key ${oauth.issuer} does not publish`;
    if (e instanceof joseErrors.JOSEError && /JWKS|fetch|timeout/i.test(e.code))
      return `the engine could not fetch the signing keys of ${oauth.issuer} (${e.message}); try again`;
    return `the bearer token is not a valid JWT: ${(e as Error).message}`;
  }

  /** The issuer's key set: `jwksUrl`, else the `jwks_uri` of its OpenID discovery document. */
  private keySet(): Promise<JWTVerifyGetKey> {
    const oauth = this.oauth!;
    this.keys ??= (async () => {
      if (oauth.jwksUrl) return createRemoteJWKSet(new URL(oauth.jwksUrl));
      const discovery = `${oauth.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const res = await fetch(discovery, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => {
        throw new Unauthenticated(
          `the engine could not reach ${discovery} to find the signing keys of ${oauth.issuer} (${e.message}); try again`,
        );
      });
      const doc = res.ok ? ((await res.json()) as { jwks_uri?: string }) : {};
      if (!doc.jwks_uri)
        throw new Unauthenticated(
          `the engine could not read the signing keys of ${oauth.issuer} (${discovery} answered ${res.status} without jwks_uri); set the JWKS URL`,
        );
      return createRemoteJWKSet(new URL(doc.jwks_uri));
    })();
    this.keys.catch(() => (this.keys = undefined));
    return this.keys;
  }
}
