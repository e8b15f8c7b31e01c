import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { AuditLog } from '../audit/audit-log';
import { ApiTokens } from '../auth/api-tokens';
import { Authenticator, SESSION_COOKIE } from '../auth/authenticator';
import { Sessions } from '../auth/sessions';
import { Users } from '../auth/users';
import { ManualClock } from '../clock';
import type { OpenedStore } from './database';
import { transact } from './database';

/**
 * State shared by platform instances on one database: the audit chain with several writers, and a
 * session or token made on one instance used on another. On PostgreSQL the second instance is a
 * second store (its own pool); SQLite has one process, so both "instances" share its connection.
 * (Login throttling is per instance for now, in memory: see platform/README.md.)
 */
describe(`state shared by instances on ${testDatabase}`, () => {
  let store: TestStore;
  let other: OpenedStore;
  const clock = new ManualClock();
  beforeEach(async () => {
    store = await openTestStore('iplus-shared-');
    other = testDatabase === 'postgres' ? await store.reopen() : store;
  });
  afterEach(async () => {
    if (other !== store) await other.close();
    await store.dispose();
  });

  const entry = (i: number) => ({
    user: 'agent.comines',
    agencyId: 'PZ-5318',
    action: 'mandate.read',
    object: `M-${i}`,
    justification: 'inbox',
    outcome: 'ok' as const,
  });

  it('keeps one verifiable audit chain with two concurrent writers', async () => {
    const a = new AuditLog(store.db, clock);
    const b = new AuditLog(other.db, clock);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const log = i % 2 === 0 ? a : b;
        // Reads (grouped, relaxed commits) and changes (inside their own transaction), interleaved.
        return i % 3 === 0
          ? transact(i % 2 === 0 ? store.db : other.db, (trx) => log.appendIn(trx, entry(i)))
          : log.append(entry(i));
      }),
    );
    expect(await a.verify(16)).toMatchObject({ ok: true, entries: 60 });
    const objects = (await b.query({ limit: 100 })).map((e) => e.object).sort();
    expect(objects).toEqual(Array.from({ length: 60 }, (_, i) => `M-${i}`).sort());
  });

  it('a session and a token made on one instance work on the other; logging out on one ends it on both', async () => {
    const usersA = new Users(store.db, clock);
    await usersA.create({
      name: 'coord.hainaut',
      password: 'a long enough secret',
      role: 'coordinator',
      agencyId: 'COORD-BE-WHT',
    });
    const sessionsA = new Sessions(store.db, clock);
    const sessionsB = new Sessions(other.db, clock);
    const authB = new Authenticator(
      new Users(other.db, clock),
      sessionsB,
      new ApiTokens(other.db, clock),
      clock,
    );
    const { cookie, session } = await sessionsA.open('coord.hainaut');
    const header = `${SESSION_COOKIE}=${cookie}`;
    expect(await authB.authenticate(undefined, header)).toMatchObject({
      user: 'coord.hainaut',
      via: 'session',
      csrfToken: session.csrfToken,
    });
    await sessionsA.close(cookie);
    expect(await authB.authenticate(undefined, header)).toBeUndefined();

    const { token } = await new ApiTokens(store.db, clock).issue('coord.hainaut', 'n8n');
    expect(await authB.authenticate(`Bearer ${token}`, undefined)).toMatchObject({
      user: 'coord.hainaut',
      via: 'token',
    });
  });
});
