import * as net from 'node:net';
import { LoginFailures, type Failures } from '../auth/login-failures';
import type { Clock } from '../clock';
import type { Db } from '../store/database';

/** The throttle's numbers; the defaults are what the platform runs with. */
export interface ThrottleLimits {
  /** Failures a key may have before it has to wait at all. */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait: a delay, never a lock. */
  maxDelayMs: number;
  /** Failures older than this (counted from the key's last failure) are forgotten. */
  forgetAfterMs: number;
  /** Most keys remembered; beyond it the least recently failed key is dropped, never all of them. */
  maxTracked: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  free: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  maxTracked: 10_000,
};

/** Why a login attempt has to wait, and how long. */
export interface Wait {
  /** Whole seconds until the next attempt is looked at (for Retry-After). */
  seconds: number;
  /** Which limit: the caller's address, or the account (for an address with failures of its own). */
  by: 'address' | 'account';
}

/**
 * Slows password guessing with growing delays, per source address and per account (issue 12):
 * after `free` failures a key waits 1 s, then 2 s, 4 s … up to 15 min after its last failure, and
 * forgets after an hour without failures. An account's delay applies only to addresses that have
 * failed themselves, so somebody guessing from elsewhere can never keep the right password out when
 * it comes from a clean address. A successful login clears nothing: an insider could otherwise
 * reset its address's count by logging in to its own account between guesses. The counts are in
 * the store (auth/login-failures.ts: shared by every instance, bounded to `maxTracked` keys).
 */
export class LoginThrottle {
  private readonly failures: LoginFailures;

  constructor(
    private readonly clock: Clock,
    db: Db,
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {
    this.failures = new LoginFailures(db, limits);
  }

  /** The wait before this attempt may be checked, or undefined when it may go ahead now. */
  async check(address: string, user: string): Promise<Wait | undefined> {
    const now = this.clock.now().getTime();
    const known = await this.failures.read([addressKey(address), accountKey(user)], now);
    const byAddress = known.get(addressKey(address));
    const waitAddress = this.remaining(byAddress, now);
    if (waitAddress > 0) return { seconds: Math.ceil(waitAddress / 1000), by: 'address' };
    if (!byAddress) return undefined; // a clean address is never held back by the account's failures
    const waitAccount = this.remaining(known.get(accountKey(user)), now);
    if (waitAccount > 0) return { seconds: Math.ceil(waitAccount / 1000), by: 'account' };
    return undefined;
  }

  /** Records a wrong password (or unknown user) from an address. */
  async failed(address: string, user: string): Promise<void> {
    await this.failures.add([addressKey(address), accountKey(user)], this.clock.now().getTime());
  }

  /** How many keys are remembered (for the bound's test). */
  size(): Promise<number> {
    return this.failures.size();
  }

  private remaining(f: Failures | undefined, now: number): number {
    if (!f || f.count < this.limits.free) return 0;
    const delay = Math.min(
      this.limits.baseDelayMs * 2 ** (f.count - this.limits.free),
      this.limits.maxDelayMs,
    );
    return f.last + delay - now;
  }
}

/** The throttled unit of an address: an IPv4 address, or an IPv6 /64 (one host usually owns a /64). */
export function addressKey(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return `a:${v4}`;
  if (!net.isIPv6(address)) return `a:${address}`;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `a:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function accountKey(user: string): string {
  return `u:${user}`;
}
