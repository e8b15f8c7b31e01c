import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { ManualClock } from '../clock';
import type { OpenedStore } from '../store/database';
import { DEFAULT_LIMITS, LoginThrottle } from './login-throttle';

describe(`login throttle on ${testDatabase}`, () => {
  // Each failure is a transaction (a PostgreSQL one per test file's server); the machine is shared.
  jest.setTimeout(60_000);
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore('iplus-throttle-');
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('lets the first five failures through, then waits 1 s, 2 s, 4 s … after the last failure', async () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock, store.db);
    for (let i = 0; i < 5; i++) {
      expect(await throttle.check('10.0.0.1', 'admin')).toBeUndefined();
      await throttle.failed('10.0.0.1', 'admin');
    }
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 1, by: 'address' });
    clock.advance(1000);
    expect(await throttle.check('10.0.0.1', 'admin')).toBeUndefined();
    await throttle.failed('10.0.0.1', 'admin');
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 2, by: 'address' });
    clock.advance(2000);
    await throttle.failed('10.0.0.1', 'admin');
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 4, by: 'address' });
  });

  it('never waits longer than 15 minutes, and forgets after a quiet hour', async () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock, store.db);
    for (let i = 0; i < 40; i++) await throttle.failed('10.0.0.1', 'admin');
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 900, by: 'address' });
    clock.advance(DEFAULT_LIMITS.forgetAfterMs + 1);
    expect(await throttle.check('10.0.0.1', 'admin')).toBeUndefined();
    // The count starts again from one: five more failures are free.
    for (let i = 0; i < 5; i++) await throttle.failed('10.0.0.1', 'admin');
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 1, by: 'address' });
  });

  it('holds back addresses that failed on an account under attack, never a clean address', async () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock, store.db);
    // five addresses, one failure each: none is throttled for itself, the account has 5 failures
    for (let i = 1; i <= 5; i++) await throttle.failed(`10.0.0.${i}`, 'admin');
    await throttle.failed('10.0.0.6', 'admin');
    expect(await throttle.check('10.0.0.6', 'admin')).toEqual({ seconds: 2, by: 'account' });
    expect(await throttle.check('10.0.0.1', 'admin')).toEqual({ seconds: 2, by: 'account' });
    expect(await throttle.check('192.0.2.7', 'admin')).toBeUndefined();
    // another account is not held back for the same address
    expect(await throttle.check('10.0.0.6', 'clerk.mons')).toBeUndefined();
  });

  it('keeps at most maxTracked keys, dropping the least recently failed, not every lock', async () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle(clock, store.db, { ...DEFAULT_LIMITS, maxTracked: 50 });
    for (let i = 0; i < 10; i++) await throttle.failed('10.9.9.9', 'admin');
    for (let i = 0; i < 150; i++) {
      await throttle.failed(`10.1.${i >> 8}.${i & 255}`, `user${i}`);
      if (i % 20 === 0) await throttle.failed('10.9.9.9', 'admin'); // the attacker keeps going
      if (i % 3 === 0) clock.advance(1); // several failures in the same millisecond too
    }
    expect(await throttle.size()).toBeLessThanOrEqual(50);
    expect(await throttle.size()).toBeGreaterThanOrEqual(48);
    expect((await throttle.check('10.9.9.9', 'admin'))?.by).toBe('address');
  });

  it('is one throttle for every instance on the database: failures on one hold back the other', async () => {
    const other: OpenedStore = testDatabase === 'postgres' ? await store.reopen() : store;
    try {
      const clock = new ManualClock();
      const a = new LoginThrottle(clock, store.db);
      const b = new LoginThrottle(clock, other.db);
      // Six guesses spread over both instances (three each, side by side) count as six.
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).failed('203.0.113.9', 'clerk.mons')),
      );
      expect(await a.check('203.0.113.9', 'clerk.mons')).toEqual({ seconds: 2, by: 'address' });
      expect(await b.check('203.0.113.9', 'clerk.mons')).toEqual({ seconds: 2, by: 'address' });
      // A restarted instance (a new throttle on the same store) remembers them.
      expect(await new LoginThrottle(clock, other.db).check('203.0.113.9', 'x')).toEqual({
        seconds: 2,
        by: 'address',
      });
    } finally {
      if (other !== store) await other.close();
    }
  });
});
