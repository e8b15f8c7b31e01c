import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { Agency, MandateKind } from '../api-types';
import { iplusApiRequest } from '../transport/iplus-api-request';

/** The kind of agency that receives each kind of mandate. */
export const RECIPIENT_AGENCY_KIND: Record<MandateKind, string> = {
  police_check: 'police_zone',
  guidance: 'justice_house',
  monitoring: 'em_centre',
};

/**
 * The searchable recipient list of Issue Mandate: the agencies (`GET /api/agencies`) of the kind that
 * receives the chosen mandate kind, filtered by what the user typed.
 */
export async function searchRecipients(
  this: ILoadOptionsFunctions,
  filter?: string,
): Promise<INodeListSearchResult> {
  const kind = this.getCurrentNodeParameter('kind') as MandateKind | undefined;
  const agencyKind = kind ? RECIPIENT_AGENCY_KIND[kind] : undefined;
  const agencies = (await iplusApiRequest.call(this, {
    method: 'GET',
    path: '/api/agencies',
    qs: { ...(agencyKind ? { kind: agencyKind } : {}), ...(filter ? { q: filter } : {}) },
  })) as Agency[];
  return {
    results: agencies.map((agency) => ({ name: agencyLabel(agency), value: agency.id })),
  };
}

/** "PZ-5318 · Mouscron": the id and the name in the first of French, Dutch, German that exists. */
export function agencyLabel(agency: Agency): string {
  const name = agency.name.fr ?? agency.name.nl ?? agency.name.de ?? agency.name.en;
  return name ? `${agency.id} · ${name}` : agency.id;
}
