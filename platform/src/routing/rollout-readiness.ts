import type { Clock } from '../clock';
import type { ReferenceLookup, Names } from '../reference-port';
import type { Db } from '../store/database';
import { routingDecisionId } from './preview-routing';
import type { RoutedMunicipality } from './rollout-map';
import type { RoutingTables } from './routing-tables';

/** A recipient that would receive mandates once the region is live, and who reads its inbox. */
export interface ReadinessRecipient {
  agencyId: string;
  kind: 'police_zone' | 'justice_house' | 'em_centre';
  name: Names;
  /** The municipalities of the arrondissement that send it mandates. */
  municipalities: number;
  activeUsers: number;
  activeTokens: number;
  /** Nobody (no active user, no valid API token) would read its inbox. */
  unread: boolean;
}

/** Whether an arrondissement is ready to go live, and what is missing. */
export interface ArrondissementReadiness {
  name: string;
  recipients: ReadinessRecipient[];
  tests: { total: number; failures: string[] };
  /** Municipalities routing gives no police zone: their cases go to the coordinator. */
  withoutZone: Array<{ nis: string; name: Names }>;
  /** Every recipient read, every saved test passing. */
  ready: boolean;
}

/**
 * Readiness per arrondissement, from routing's own answer for each municipality (rollout-map): the
 * police zones, justice houses and monitoring centres that would receive mandates with their active
 * users and API tokens, the saved routing test cases of those municipalities, and the municipalities
 * without a known zone.
 */
export async function rolloutReadiness(
  db: Db,
  clock: Clock,
  reference: ReferenceLookup,
  tables: RoutingTables,
  province: string,
  municipalities: RoutedMunicipality[],
): Promise<ArrondissementReadiness[]> {
  const ids = [
    ...new Set(municipalities.flatMap((m) => [m.policeZoneId, m.justiceHouseId, m.monitoringCentreId])),
  ].filter((id): id is string => id !== null);
  const readers = await activeReaders(db, clock, ids);
  const names = [...new Set(municipalities.map((m) => m.arrondissement))];
  const out: ArrondissementReadiness[] = [];
  for (const name of names) {
    const here = municipalities.filter((m) => m.arrondissement === name);
    const nis = new Set(here.map((m) => m.nis));
    const count = new Map<string, { kind: ReadinessRecipient['kind']; n: number }>();
    const add = (id: string | null, kind: ReadinessRecipient['kind']) => {
      if (id) count.set(id, { kind, n: (count.get(id)?.n ?? 0) + 1 });
    };
    for (const m of here) {
      add(m.policeZoneId, 'police_zone');
      add(m.justiceHouseId, 'justice_house');
      add(m.monitoringCentreId, 'em_centre');
    }
    const recipients = [...count.entries()]
      .map(([agencyId, c]) => {
        const r = readers.get(agencyId) ?? { users: 0, tokens: 0 };
        return {
          agencyId,
          kind: c.kind,
          name: reference.agency(agencyId)?.name ?? {},
          municipalities: c.n,
          activeUsers: r.users,
          activeTokens: r.tokens,
          unread: r.users + r.tokens === 0,
        };
      })
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.agencyId.localeCompare(b.agencyId));
    const saved = (await tables.tests(province)).filter((t) => nis.has(t.nis));
    const failures = await tables.runTests(province, routingDecisionId(province), saved, false);
    const tests = { total: saved.length, failures };
    const withoutZone = here
      .filter((m) => m.policeZoneId === null)
      .map((m) => ({ nis: m.nis, name: m.name }));
    out.push({
      name,
      recipients,
      tests,
      withoutZone,
      ready: recipients.every((r) => !r.unread) && tests.failures.length === 0,
    });
  }
  return out;
}

/** Active users and unexpired, unrevoked API tokens per agency. */
async function activeReaders(
  db: Db,
  clock: Clock,
  agencyIds: string[],
): Promise<Map<string, { users: number; tokens: number }>> {
  const out = new Map<string, { users: number; tokens: number }>();
  if (agencyIds.length === 0) return out;
  const users = await db
    .selectFrom('users')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agency_id', 'in', agencyIds)
    .where('disabled_at', 'is', null)
    .groupBy('agency_id')
    .execute();
  const now = clock.now().toISOString();
  const tokens = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.name', 'api_tokens.user_name')
    .select(['users.agency_id as agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('users.agency_id', 'in', agencyIds)
    .where('users.disabled_at', 'is', null)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .groupBy('users.agency_id')
    .execute();
  for (const u of users) out.set(u.agency_id, { users: Number(u.n), tokens: 0 });
  for (const t of tokens)
    out.set(t.agency_id, { users: out.get(t.agency_id)?.users ?? 0, tokens: Number(t.n) });
  return out;
}
