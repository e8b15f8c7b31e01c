/**
 * Hash routes (`#/mandates/M-1`): the platform serves web/dist as plain static files, so the path
 * part of the URL must stay `/`. Patterns use `:name` for a segment.
 */
export interface RouteMatch {
  pattern: string;
  params: Record<string, string>;
}

/** The first pattern that matches the path, with its parameters decoded. */
export function matchRoute(patterns: readonly string[], path: string): RouteMatch | undefined {
  const clean = path.split('?')[0].replace(/\/+$/, '') || '/';
  const segments = clean.split('/').filter(Boolean);
  for (const pattern of patterns) {
    const parts = pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].startsWith(':')) params[parts[i].slice(1)] = decodeURIComponent(segments[i]);
      else if (parts[i] !== segments[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { pattern, params };
  }
  return undefined;
}

/** The query parameters after `?` in the hash. */
export function hashQuery(hash: string): URLSearchParams {
  const i = hash.indexOf('?');
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : '');
}

/** The path of a location hash: `#/inbox?x=1` → `/inbox`. */
export function hashPath(hash: string): string {
  const h = hash.replace(/^#/, '');
  return (h.split('?')[0] || '/').startsWith('/') ? h.split('?')[0] || '/' : `/${h.split('?')[0]}`;
}

/** A link to a route with its parameters encoded. */
export function href(path: string, params: Record<string, string> = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return `#${filled}`;
}
