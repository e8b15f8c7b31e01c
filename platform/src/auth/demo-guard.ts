import type { ApiTokens } from './api-tokens';
import { DEMO_TOKEN_LABEL, DEMO_TOKEN_TTL_MS } from './demo-users';
import type { Users } from './users';

/** IPLUS_ENV: production refuses demo accounts. */
export type Environment = 'development' | 'production';

/** IPLUS_ENV=production with demo accounts present or about to be seeded: the service does not start. */
export class DemoInProductionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoInProductionError';
  }
}

const HOW_TO_FIX =
  'To run in production: start once with IPLUS_ENV=development, log in as the demo admin, create your own ' +
  'accounts (an admin first) on the Users page, log in as your admin and disable every demo account there, ' +
  'then start with IPLUS_ENV=production and IPLUS_DEMO=off.';

/** Refuses a production start that would seed demo accounts (before the store is even opened). */
export function refuseDemoSeeding(env: Environment, willSeed: boolean): void {
  if (env === 'production' && willSeed) {
    throw new DemoInProductionError(
      `IPLUS_ENV=production, but IPLUS_DEMO would seed demo accounts (whose passwords are written to ` +
        `demo-credentials.json). Set IPLUS_DEMO=off. ${HOW_TO_FIX}`,
    );
  }
}

/** Refuses a production start while enabled demo accounts exist. */
export function refuseDemoAccounts(env: Environment, demoUsers: string[]): void {
  if (env === 'production' && demoUsers.length > 0) {
    throw new DemoInProductionError(
      `IPLUS_ENV=production, but ${demoUsers.length} demo accounts are enabled (${demoUsers.join(', ')}). ` +
        HOW_TO_FIX,
    );
  }
}

/** The loud start-up warning while demo accounts can log in. */
export function demoBanner(demoUsers: string[]): string {
  const line = '!'.repeat(78);
  return [
    line,
    `!! DEMO ACCOUNTS ARE ENABLED (${demoUsers.length}): ${demoUsers.join(', ')}`,
    '!! Their passwords are in demo-credentials.json and their agencies are real agency ids.',
    '!! Do not put real cases in. Disable them on the Users page before going live;',
    '!! IPLUS_ENV=production refuses to start while they exist.',
    line,
  ].join('\n');
}

/**
 * After the store is open: refuses production with demo accounts, caps old demo tokens at 30 days,
 * and returns the enabled demo accounts (for the banner).
 */
export async function checkDemoAccounts(
  env: Environment,
  users: Users,
  tokens: ApiTokens,
): Promise<string[]> {
  const demoUsers = await users.enabledDemoUsers();
  refuseDemoAccounts(env, demoUsers);
  await tokens.limitLifetime(demoUsers, DEMO_TOKEN_LABEL, DEMO_TOKEN_TTL_MS);
  return demoUsers;
}
