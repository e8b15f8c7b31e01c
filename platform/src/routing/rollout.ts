import { UserError } from '../errors';
import type { ReferenceLookup } from '../reference-port';
import type { EnginePort } from '../engine-port';
import {
  provinceView,
  routedMunicipalities,
  type ProvinceRolloutView,
  type RegionCount,
} from './rollout-map';
import type { RoutingTables } from './routing-tables';
import type { ProvinceRollout } from './rollout-state';

/**
 * What `GET /api/routing/rollout` answers per province: the state routing applies today (counted over
 * its municipalities), never the table's default row. `live` is true only when every municipality is.
 */
export interface ProvinceRolloutState extends RegionCount {
  province: string;
  live: boolean;
  arrondissements: Array<RegionCount & { name: string; live: boolean }>;
}

/** The domain's pure rollout functions (platform/src/routing): read and rewrite decision `rollout-<P>`. */
export interface RolloutCodec {
  read(xml: string): ProvinceRollout;
  write(xml: string, arrondissement: string | null, live: boolean): string;
  /** True for the codec's "this table's rollout decision is malformed" error. */
  isTableError(e: unknown): boolean;
}

/**
 * Rollout state per province and judicial arrondissement. It lives in the routing tables themselves
 * (decision `rollout-<P>`), so what the API shows is what processes use: reading parses the latest
 * deployed table; a change rewrites that decision and goes through the same test-and-deploy path as
 * any table edit (saved `live` expectations excepted: changing `live` is the point).
 */
export class Rollout {
  /** Views by province, kept while the province's latest table version stays the same. */
  private readonly views = new Map<string, { sha256: string; view: Promise<ProvinceRolloutView> }>();

  constructor(
    private readonly tables: RoutingTables,
    private readonly reference: ReferenceLookup,
    private readonly codec: RolloutCodec,
    private readonly engine: EnginePort,
  ) {}

  /** Every province with a table: the state routing applies today, and each arrondissement's. */
  async state(): Promise<ProvinceRolloutState[]> {
    const out: ProvinceRolloutState[] = [];
    for (const p of this.reference.provinces()) {
      const v = await this.view(p.code);
      if (!v) continue;
      const { municipalities: _m, arrondissements, ...count } = v;
      out.push({
        ...count,
        live: v.state === 'live',
        arrondissements: arrondissements.map(({ switchedLive, ...a }) => ({ ...a, live: switchedLive })),
      });
    }
    return out;
  }

  /**
   * A province's truthful rollout: every municipality evaluated by the engine as routing does
   * (rollout-map), grouped by arrondissement. Undefined before the province has a table.
   */
  async view(province: string): Promise<ProvinceRolloutView | undefined> {
    const latest = await this.tables.latest(province);
    if (!latest) return undefined;
    const cached = this.views.get(province);
    if (cached && cached.sha256 === latest.sha256) return cached.view;
    const names = this.reference.provinces().find((p) => p.code === province)?.judicialArrondissements ?? [];
    const table = this.codec.read(latest.xml);
    const view = routedMunicipalities(this.engine, this.reference, province).then((ms) =>
      provinceView(province, names, table.arrondissements, table.live, ms),
    );
    this.views.set(province, { sha256: latest.sha256, view });
    view.catch(() => {
      if (this.views.get(province)?.view === view) this.views.delete(province);
    });
    return view;
  }

  /** The arrondissement routing gives each municipality of a province (NIS → name). */
  async arrondissementOf(province: string): Promise<Map<string, string>> {
    const v = await this.view(province);
    return new Map((v?.municipalities ?? []).map((m) => [m.nis, m.arrondissement]));
  }

  /** Throws the 400 a switch of an unknown province or arrondissement gets. */
  check(province: string, arrondissement: string | undefined): void {
    this.known(province, arrondissement);
  }

  /** Sets a province (all its arrondissements) or one arrondissement live or not; returns the table version. */
  async set(
    province: string,
    arrondissement: string | undefined,
    live: boolean,
    by: string,
    reason = '',
  ): Promise<number> {
    this.known(province, arrondissement);
    const latest = await this.tables.latest(province);
    if (!latest)
      throw new UserError(404, 'not_found', 'No table', `province ${province} has no routing table yet`);
    let xml: string;
    try {
      xml = this.codec.write(latest.xml, arrondissement ?? null, live);
    } catch (e) {
      if (!this.codec.isTableError(e)) throw e;
      throw new UserError(
        422,
        'routing_table_invalid',
        'Rollout table not understood',
        `${(e as Error).message}; fix the table with PUT /api/routing/tables/${province}`,
      );
    }
    const comment = `rollout: ${arrondissement ?? 'whole province'} ${live ? 'live' : 'not live'}${reason ? ` — ${reason}` : ''}`;
    const v = await this.tables.put(province, xml, by, comment, 'rollout', true);
    return v.version;
  }

  private known(province: string, arrondissement: string | undefined): void {
    const p = this.reference.provinces().find((x) => x.code === province);
    if (!p) {
      const codes = this.reference
        .provinces()
        .map((x) => x.code)
        .join(', ');
      throw new UserError(
        400,
        'validation_failed',
        'Unknown province',
        `province ${province} is not one of ${codes}`,
        [
          {
            field: 'province',
            code: 'unknown_province',
            message: 'use an ISO 3166-2 province code such as BE-WHT, or BE-BRU',
          },
        ],
      );
    }
    if (arrondissement !== undefined && !p.judicialArrondissements.includes(arrondissement)) {
      throw new UserError(
        400,
        'validation_failed',
        'Unknown arrondissement',
        `${province} has the arrondissements ${p.judicialArrondissements.join(', ')}`,
        [
          {
            field: 'arrondissement',
            code: 'unknown_arrondissement',
            message: `use one of ${p.judicialArrondissements.join(', ')}`,
          },
        ],
      );
    }
  }
}
