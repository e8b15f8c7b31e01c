import { api } from './client';
import type { Agency } from './types';

let all: Promise<Map<string, Agency>> | undefined;

/** Every agency by id, loaded once per session (reference data, no personal data). */
export function agencies(): Promise<Map<string, Agency>> {
  all ??= api<Agency[] | { items: Agency[] }>('GET', '/api/agencies')
    .then((r) => new Map((Array.isArray(r) ? r : r.items).map((a) => [a.id, a])))
    .catch((e: unknown) => {
      all = undefined;
      throw e;
    });
  return all;
}

/** Forgets the cache (on logout). */
export function forgetAgencies(): void {
  all = undefined;
}
