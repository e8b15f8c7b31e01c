import { ManualClock } from '../clock';
import { addressKey, DEFAULT_LIMITS, LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('lets the first five failures through, then waits 1 s, 2 s, 4 s … after the last failure', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) {
      expect(throttle.check('10.0.0.1', 'admin')).toBeUndefined();
      throttle.failed('10.0.0.1', 'admin');
    }
    expect(throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 1, by: 'address' });
    clock.advance(1000);
    expect(throttle.check('10.0.0.1', 'admin')).toBeUndefined();
    throttle.failed('10.0.0.1', 'admin');
    expect(throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 2, by: 'address' });
    clock.advance(2000);
    throttle.failed('10.0.0.1', 'admin');
    expect(throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 4, by: 'address' });
  });

  it('never waits longer than 15 minutes, and forgets after a quiet hour', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 40; i++) throttle.failed('10.0.0.1', 'admin');
    expect(throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 900, by: 'address' });
    clock.advance(DEFAULT_LIMITS.forgetAfterMs + 1);
    expect(throttle.check('10.0.0.1', 'admin')).toBeUndefined();
  });

  it('holds back addresses that failed on an account under attack, never a clean address', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock);
    // five addresses, one failure each: none is throttled for itself, the account has 5 failures
    for (let i = 1; i <= 5; i++) throttle.failed(`10.0.0.${i}`, 'admin');
    throttle.failed('10.0.0.6', 'admin');
    expect(throttle.check('10.0.0.6', 'admin')).toEqual({ seconds: 2, by: 'account' });
    expect(throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 2, by: 'account' });
    expect(throttle.check('192.0.2.7', 'admin')).toBeUndefined();
    // another account is not held back for the same address
    expect(throttle.check('10.0.0.6', 'clerk.mons')).toBeUndefined();
  });

  it('keeps at most maxTracked keys, dropping the least recently failed, not every lock', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock, { ...DEFAULT_LIMITS, maxTracked: 100 });
    for (let i = 0; i < 10; i++) throttle.failed('10.9.9.9', 'admin');
    for (let i = 0; i < 500; i++) {
      throttle.failed(`10.1.${i >> 8}.${i & 255}`, `user${i}`);
      if (i % 40 === 0) throttle.failed('10.9.9.9', 'admin'); // the attacker keeps going
    }
    expect(throttle.size).toBeLessThanOrEqual(100);
    expect(throttle.check('10.9.9.9', 'admin')?.by).toBe('address');
  });

  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2::ffff'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe(addressKey('10.0.0.1'));
    expect(addressKey('::1')).toBe('a:0:0:0:0::/64');
  });
});
