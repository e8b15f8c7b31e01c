import type { Agency } from './types';
import { PROVINCES } from './provinces';

/**
 * One coordination agency per province (`COORD-BE-WHT` … `COORD-BE-BRU`): the coordinator owns the
 * province's routing table and receives escalations, old-channel cases and manual assignments.
 */
export function coordinationAgencies(): Agency[] {
  return PROVINCES.map((p) => ({
    id: `COORD-${p.code}`,
    kind: 'coordination' as const,
    name: {
      fr: `Coordination I+ ${p.name.fr}`,
      nl: `Coördinatie I+ ${p.name.nl}`,
      de: `Koordination I+ ${p.name.de}`,
    },
    language: p.language,
    province: p.code,
  }));
}
