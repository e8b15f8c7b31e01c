import { api } from '../api/client';
import type { SearchResult } from './camunda-types';

/** POST a Camunda v2 search through the platform (`/api/operations/v2/<resource>/search`). */
export function search<T>(
  resource: string,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<SearchResult<T>> {
  return api<SearchResult<T>>('POST', `/api/operations/v2/${resource}/search`, body, { signal });
}
