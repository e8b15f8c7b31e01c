import { ManualClock } from '../clock';
import { composeServiceContext } from '../compose-context';
import { silentLogger } from '../logger';
import type { ServiceContext } from '../service-context';
import { openTestStore, testDatabase, testPostgres, type TestStore } from './test-store';

/** The use cases' context on a fresh test store (SQLite or PostgreSQL), its clock fixed at `at`. */
export async function openTestContext(
  prefix: string,
  at = '2026-12-01T08:00:00.000Z',
): Promise<{ store: TestStore; ctx: ServiceContext }> {
  const store = await openTestStore(prefix);
  const ctx = composeServiceContext({
    db: store.db,
    documents: store.documents,
    clock: new ManualClock(at),
    logger: silentLogger,
    settings: {},
  });
  return { store, ctx };
}

/**
 * Registers the hooks of a describe block whose tests each get a fresh context (`openTestContext`);
 * the returned object holds the current test's `store` and `ctx`. On PostgreSQL the server starts
 * once, before the first test, with the time it may need.
 */
export function eachTestContext(prefix: string): { store: TestStore; ctx: ServiceContext } {
  const current = {} as { store: TestStore; ctx: ServiceContext };
  beforeAll(async () => {
    if (testDatabase === 'postgres') await testPostgres();
  }, 60_000);
  beforeEach(async () => {
    Object.assign(current, await openTestContext(prefix));
  });
  afterEach(() => current.store.dispose());
  return current;
}
