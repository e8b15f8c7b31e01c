import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial';
import { demoAccounts } from './002-demo-accounts';
import { rolloutSwitches } from './003-rollout-switches';

/** Every schema version, in order. Add a file and a line; never edit a migration that shipped. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-demo-accounts': demoAccounts,
  '003-rollout-switches': rolloutSwitches,
};

/** Feeds Kysely's Migrator from code, so migrations ship inside the build. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
