import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import type { ReferenceLookup } from '../reference-port';
import type { ApiTokens } from './api-tokens';
import type { Role } from './roles';
import type { Users } from './users';

/** One line of `<dataDir>/demo-credentials.json`. */
export interface DemoCredential {
  user: string;
  password: string;
  role: Role;
  agencyId: string;
  token: string;
}

/**
 * The demo accounts: every role in Hainaut (the first region live, where the Comines-Warneton case
 * runs), plus a few in East Flanders and Brussels (not live yet: the old channel). Agencies given as
 * a municipality (`zoneOf`) take that municipality's police zone from the reference data.
 */
const DEMO: Array<{ user: string; role: Role; agencyId?: string; zoneOf?: string; language: string }> = [
  { user: 'clerk.mons', role: 'parquet_clerk', agencyId: 'PAR-MONS-TOURNAI', language: 'fr' },
  { user: 'agent.comines', role: 'police_agent', zoneOf: '57097', language: 'fr' },
  { user: 'assistant.tournai', role: 'justice_assistant', agencyId: 'MJ-TOURNAI', language: 'fr' },
  { user: 'operator.cse', role: 'monitoring_operator', agencyId: 'EM-DSE-FWB', language: 'fr' },
  { user: 'officer.tournai', role: 'prison_officer', agencyId: 'PRISON-TOURNAI', language: 'fr' },
  { user: 'coord.hainaut', role: 'coordinator', agencyId: 'COORD-BE-WHT', language: 'fr' },
  { user: 'analyst', role: 'analyst', agencyId: 'IPLUS', language: 'en' },
  { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en' },
  { user: 'clerk.gent', role: 'parquet_clerk', agencyId: 'PAR-OOST-VLAANDEREN', language: 'nl' },
  { user: 'agent.gent', role: 'police_agent', zoneOf: '44021', language: 'nl' },
  { user: 'assistant.gent', role: 'justice_assistant', agencyId: 'JH-GENT', language: 'nl' },
  { user: 'operator.vcet', role: 'monitoring_operator', agencyId: 'EM-VCET', language: 'nl' },
  { user: 'coord.oost-vlaanderen', role: 'coordinator', agencyId: 'COORD-BE-VOV', language: 'nl' },
  { user: 'clerk.bruxelles', role: 'parquet_clerk', agencyId: 'PAR-BRUXELLES', language: 'fr' },
  { user: 'coord.bruxelles', role: 'coordinator', agencyId: 'COORD-BE-BRU', language: 'fr' },
  { user: 'auditor', role: 'auditor', agencyId: 'IPLUS', language: 'en' },
];

/** How long a demo API token lives (issue 12: demo tokens expire after 30 days). */
export const DEMO_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The label demo tokens carry (also how migration 002 recognised older demo accounts). */
export const DEMO_TOKEN_LABEL = 'demo';

/** A readable random password (no look-alike characters), 20 characters. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Seeds the demo accounts that do not exist yet, each with a random password and an API token that
 * expires after 30 days, marked as demo accounts, and writes them to `<dataDir>/demo-credentials.json`
 * (mode 0600). Returns the new credentials.
 */
export async function seedDemoUsers(
  users: Users,
  tokens: ApiTokens,
  reference: ReferenceLookup,
  dataDir: string,
  now: Date,
): Promise<DemoCredential[]> {
  const expiresAt = new Date(now.getTime() + DEMO_TOKEN_TTL_MS).toISOString();
  // Hashing runs on libuv's thread pool, so the accounts are created side by side.
  const made = await Promise.all(
    DEMO.map(async (d): Promise<DemoCredential | undefined> => {
      if (await users.find(d.user)) return undefined;
      const agencyId = d.agencyId ?? reference.municipality(d.zoneOf!)?.policeZoneId;
      if (!agencyId || (agencyId !== 'IPLUS' && !reference.agency(agencyId))) return undefined;
      const password = demoPassword();
      try {
        await users.create({
          name: d.user,
          password,
          role: d.role,
          agencyId,
          language: d.language,
          demo: true,
        });
      } catch (e) {
        // Another instance seeding the same database at the same moment made it first: it is theirs.
        if (e instanceof UserError && e.code === 'user_exists') return undefined;
        throw e;
      }
      const { token } = await tokens.issue(d.user, DEMO_TOKEN_LABEL, expiresAt);
      return { user: d.user, password, role: d.role, agencyId, token };
    }),
  );
  const created = made.filter((c): c is DemoCredential => c !== undefined);
  if (created.length > 0) {
    const file = path.join(dataDir, 'demo-credentials.json');
    const previous: DemoCredential[] = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCredential[])
      : [];
    fs.writeFileSync(file, JSON.stringify([...previous, ...created], null, 2) + '\n', { mode: 0o600 });
  }
  return created;
}
