import { ManualClock } from '../clock';
import { composeServiceContext } from '../compose-context';
import { silentLogger } from '../logger';
import type { ServiceContext } from '../service-context';
import { openTestStore, type TestStore } from './test-store';

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
