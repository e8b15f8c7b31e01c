import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { AuditLog } from '../audit/audit-log';
import { ApiTokens } from '../auth/api-tokens';
import { Authenticator, SESSION_COOKIE } from '../auth/authenticator';
import { Sessions } from '../auth/sessions';
import { seedDemoUsers } from '../auth/demo-users';
import { Users } from '../auth/users';
import { ManualClock } from '../clock';
import { silentLogger } from '../logger';
import { RoutingTables } from '../routing/routing-tables';
import type { EnginePort } from '../engine-port';
import { loadReferenceData } from '../reference/load-reference-data';
import type { ReferenceLookup } from '../reference-port';
import * as path from 'node:path';
import type { OpenedStore } from './database';
import { readSnapshot, transact } from './database';
import { sql } from 'kysely';

/**
 * State shared by platform instances on one database: the audit chain with several writers, and a
 * session or token made on one instance used on another. On PostgreSQL the second instance is a
 * second store (its own pool); SQLite has one process, so both "instances" share its connection.
 * (Login throttling is per instance for now, in memory: see platform/README.md.)
 */
describe(`state shared by instances on ${testDatabase}`, () => {
  // The demo seeding hashes a dozen passwords twice (scrypt); the shared machine is slow.
  jest.setTimeout(60_000);
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

  it('two instances seeding the demo accounts at once create each account once', async () => {
    const reference = loadReferenceData() as ReferenceLookup;
    const seed = (db: OpenedStore['db']) =>
      seedDemoUsers(new Users(db, clock), new ApiTokens(db, clock), reference, store.dir, clock.now());
    const [a, b] = await Promise.all([seed(store.db), seed(other.db)]);
    const names = [...a, ...b].map((c) => c.user);
    // Every account made by exactly one of them (none twice, none failed), each with a working token.
    expect(new Set(names).size).toBe(names.length);
    const users = await store.db.selectFrom('users').select('name').execute();
    expect(names.sort()).toEqual(users.map((u) => u.name).sort());
    const auth = new Authenticator(
      new Users(other.db, clock),
      new Sessions(other.db, clock),
      new ApiTokens(other.db, clock),
      clock,
    );
    for (const c of [...a, ...b])
      expect(await auth.authenticate(`Bearer ${c.token}`, undefined)).toMatchObject({ user: c.user });
    // Up to 30 scrypt hashes (N=2^17) side by side: slow on a loaded 2-core machine.
  }, 180_000);

  it('two instances seeding the routing tables at once store each table and its tests once', async () => {
    const reference = loadReferenceData() as ReferenceLookup;
    const dir = path.resolve(__dirname, '..', '..', '..', 'bpmn', 'routing');
    // Seeding reads and writes the store only: the engine is reached later, by deployAll.
    const seed = (db: OpenedStore['db']) =>
      new RoutingTables(db, undefined as unknown as EnginePort, reference, clock, silentLogger).seedFromFiles(
        dir,
      );
    await Promise.all([seed(store.db), seed(other.db), seed(store.db)]);
    const versions = await store.db
      .selectFrom('routing_table_versions')
      .select(['province', 'version'])
      .execute();
    expect(versions.length).toBeGreaterThanOrEqual(11);
    expect(versions.every((v) => Number(v.version) === 1)).toBe(true);
    const tests = await store.db.selectFrom('routing_tests').select('province').execute();
    expect(tests.length).toBeGreaterThan(0);
  });

  it('reads a view on one snapshot: a commit by another instance meanwhile is not half-seen', async () => {
    await sql`CREATE TABLE snapshot_probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`.execute(store.db);
    await sql`INSERT INTO snapshot_probe (k, v) VALUES ('a', 1)`.execute(store.db);
    const read = (db: typeof store.db) =>
      sql<{ v: number }>`SELECT v FROM snapshot_probe WHERE k = 'a'`
        .execute(db)
        .then((r) => Number(r.rows[0]!.v));
    let write: Promise<unknown> = Promise.resolve();
    const seen = await readSnapshot(store.db, async (trx) => {
      const first = await read(trx);
      write = transact(other.db, (w) => sql`UPDATE snapshot_probe SET v = 2 WHERE k = 'a'`.execute(w));
      // PostgreSQL: the other instance commits while the snapshot is open. SQLite: one connection,
      // so the write waits for the snapshot to end.
      if (testDatabase === 'postgres') await write;
      return [first, await read(trx)];
    });
    await write;
    expect(seen).toEqual([1, 1]);
    expect(await read(store.db)).toBe(2);
  });
});
