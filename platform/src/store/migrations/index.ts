import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initial } from './001-initial';
import { demoAccounts } from './002-demo-accounts';
import { rolloutSwitches } from './003-rollout-switches';
import { documents } from './004-documents';
import { caseLifecycle } from './005-case-lifecycle';
import { messages } from './006-messages';
import { retention } from './007-retention';
import { loginFailures } from './010-login-failures';
import { modelHistory } from './008-model-history';
import { taskForms } from './009-task-forms';
import { auditHeadLocked } from './011-audit-head-locked';
import { mandateNotify } from './012-mandate-notify';
import { auditAppend } from './013-audit-append';
import { auditSeqBigint } from './014-audit-seq-bigint';

/** Every schema version, in order. Add a file and a line; never edit a migration that shipped. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-demo-accounts': demoAccounts,
  '003-rollout-switches': rolloutSwitches,
  '004-documents': documents,
  '005-case-lifecycle': caseLifecycle,
  '006-messages': messages,
  '007-retention': retention,
  '010-login-failures': loginFailures,
  '008-model-history': modelHistory,
  '009-task-forms': taskForms,
  '011-audit-head-locked': auditHeadLocked,
  '012-mandate-notify': mandateNotify,
  '013-audit-append': auditAppend,
  '014-audit-seq-bigint': auditSeqBigint,
};

/** Feeds Kysely's Migrator from code, so migrations ship inside the build. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Brings the schema up to date; on failure closes the database and says which migration failed. */
export async function migrateToLatest<DB>(store: Kysely<DB>): Promise<void> {
  const db = store as unknown as Kysely<unknown>;
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${(error as Error).message}`);
  }
}
