import type { Clock } from '../clock';
import { UserError } from '../errors';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const MAX_TRACKED = 10_000;

/**
 * Slows password guessing: after 5 failed logins for a user name within 15 minutes, further attempts
 * for that name are refused (429) until the window passes. In memory, per process.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Throws 429 when the name is locked out. */
  check(user: string): void {
    const recent = this.recent(user);
    if (recent.length >= MAX_FAILURES) {
      const wait = Math.ceil((recent[0]! + WINDOW_MS - this.clock.now().getTime()) / 1000);
      throw new UserError(
        429,
        'too_many_attempts',
        'Too many failed logins',
        `too many failed logins for ${user}; try again in ${wait} s`,
      );
    }
  }

  failed(user: string): void {
    if (this.failures.size >= MAX_TRACKED) this.failures.clear();
    this.failures.set(user, [...this.recent(user), this.clock.now().getTime()]);
  }

  succeeded(user: string): void {
    this.failures.delete(user);
  }

  private recent(user: string): number[] {
    const since = this.clock.now().getTime() - WINDOW_MS;
    return (this.failures.get(user) ?? []).filter((t) => t > since);
  }
}
