import type { IplusProcess } from '../e2e/platform/iplus-process';
import { agencyToken, call } from './api-client';
import { LIVE_PLACES, NOT_LIVE_PLACES, SWITCHED_LIVE, type Place } from './chaos-cases';
import type { ExpectedRoute } from './client-ledger';

export const MEASURES = ['conditional_release', 'electronic_monitoring'];

interface Routing {
  parquetId: string;
  province: string;
  live: boolean;
  recipients: Array<{ kind: string; agencyId: string | null }>;
  manualAssignment: string[];
}

/** The routes, clerks and agency tokens the load needs; built once, on the first start. */
export interface ChaosWorld {
  route(place: Place, measure: string): ExpectedRoute;
  clerkToken(place: Place): string;
  agencyToken(agencyId: string): string;
  /** Agencies that got a user and token for the run, by id. */
  agencies: string[];
  /** The admin's API token (retention purges). */
  adminToken: string;
}

const DEMO_USER_OF: Record<string, string> = {
  'PAR-MONS-TOURNAI': 'clerk.mons',
  'PAR-OOST-VLAANDEREN': 'clerk.gent',
  'PAR-BRUXELLES': 'clerk.bruxelles',
  'PZ-5318': 'agent.comines',
  'MJ-TOURNAI': 'assistant.tournai',
  'EM-DSE-FWB': 'operator.cse',
};

const roleOf = (agencyId: string) =>
  agencyId.startsWith('PAR-')
    ? 'parquet_clerk'
    : agencyId.startsWith('PZ-')
      ? 'police_agent'
      : agencyId.startsWith('EM-')
        ? 'monitoring_operator'
        : 'justice_assistant';

/**
 * Switches Luxembourg live (Hainaut is live already), asks the routing preview where each place
 * and measure goes, and gives every parquet and recipient agency involved a user with an API token.
 */
export async function prepareWorld(iplus: Pick<IplusProcess, 'url' | 'creds'>): Promise<ChaosWorld> {
  const admin = iplus.creds.admin!.token;
  const rollout = await call(iplus.url, admin, 'PUT', '/api/routing/rollout', {
    province: SWITCHED_LIVE,
    live: true,
  });
  if (rollout.status !== 200) throw new Error(`rollout: ${rollout.status} ${JSON.stringify(rollout.body)}`);
  const routes = new Map<string, Routing>();
  for (const place of [...LIVE_PLACES, ...NOT_LIVE_PLACES]) {
    for (const measure of MEASURES) {
      const q = `nis=${place.nis}&measure=${measure}${place.language ? `&language=${place.language}` : ''}`;
      const res = await call<Routing>(iplus.url, admin, 'GET', `/api/routing/preview?${q}`);
      if (res.status !== 200) throw new Error(`preview ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.body.live !== LIVE_PLACES.includes(place) || res.body.manualAssignment.length > 0)
        throw new Error(`preview ${q} is not what the run needs: ${JSON.stringify(res.body)}`);
      routes.set(`${place.nis}/${measure}`, res.body);
    }
  }
  const agencies = new Set<string>();
  for (const r of routes.values()) {
    agencies.add(r.parquetId);
    if (r.live) for (const x of r.recipients) agencies.add(x.agencyId!);
  }
  const tokens = new Map<string, string>();
  for (const agencyId of agencies) {
    const demo = DEMO_USER_OF[agencyId];
    const token = demo
      ? iplus.creds[demo]!.token
      : await agencyToken(iplus.url, admin, `chaos.${agencyId.toLowerCase()}`, roleOf(agencyId), agencyId);
    tokens.set(agencyId, token);
  }
  const routeOf = (place: Place, measure: string) => routes.get(`${place.nis}/${measure}`)!;
  return {
    route: (place, measure) => {
      const r = routeOf(place, measure);
      return {
        live: r.live,
        recipients: r.recipients.map((x) => ({ kind: x.kind, agencyId: x.agencyId! })),
        coordinatorId: `COORD-${r.province}`,
      };
    },
    clerkToken: (place) => tokens.get(routeOf(place, MEASURES[0]!).parquetId)!,
    agencyToken: (agencyId) => {
      const t = tokens.get(agencyId);
      if (!t) throw new Error(`no token for ${agencyId}`);
      return t;
    },
    agencies: [...agencies],
    adminToken: admin,
  };
}
