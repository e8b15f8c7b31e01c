import { openStore, type OpenedStore } from './database';
import type { CheckpointerEvents } from './checkpointer';
import { openPostgresStore } from './postgres-store';

export interface StoreChoice {
  /** The SQLite store's folder (also where files other than the store live). */
  dataDir: string;
  /** IPLUS_DATABASE_URL: `postgres://…` chooses PostgreSQL; empty keeps SQLite in `dataDir`. */
  databaseUrl?: string;
  checkpointEvents?: CheckpointerEvents;
  now?: () => Date;
}

/** True when the URL names a PostgreSQL database. */
export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the store the configuration chooses: PostgreSQL for a postgres:// URL, SQLite otherwise. */
export async function openPlatformStore(choice: StoreChoice): Promise<OpenedStore> {
  const url = choice.databaseUrl ?? '';
  if (url === '') return openStore(choice.dataDir, choice.checkpointEvents);
  if (!isPostgresUrl(url)) {
    // Only the scheme: the rest of a URL may hold a password.
    throw new Error(
      `IPLUS_DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…"); leave it empty for SQLite`,
    );
  }
  return openPostgresStore({ url, now: choice.now });
}
