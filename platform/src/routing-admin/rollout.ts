import { UserError } from '../errors';
import type { ReferenceLookup } from '../reference-port';
import type { RoutingTables } from './routing-tables';

export interface ProvinceRollout {
  province: string;
  /** The rollout table's default row: arrondissements not listed. */
  live: boolean;
  arrondissements: Array<{ name: string; live: boolean }>;
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
  constructor(
    private readonly tables: RoutingTables,
    private readonly reference: ReferenceLookup,
    private readonly codec: RolloutCodec,
  ) {}

  /** Every province with a table, with each of its arrondissements. */
  async state(): Promise<ProvinceRollout[]> {
    const out: ProvinceRollout[] = [];
    for (const p of this.reference.provinces()) {
      const latest = await this.tables.latest(p.code);
      if (latest) out.push(this.codec.read(latest.xml));
    }
    return out;
  }

  /** Sets a province (all its arrondissements) or one arrondissement live or not; returns its new state. */
  async set(
    province: string,
    arrondissement: string | undefined,
    live: boolean,
    by: string,
  ): Promise<ProvinceRollout> {
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
    const comment = `rollout: ${arrondissement ?? 'whole province'} ${live ? 'live' : 'not live'}`;
    const v = await this.tables.put(province, xml, by, comment, 'rollout', true);
    return this.codec.read(v.xml);
  }
}
