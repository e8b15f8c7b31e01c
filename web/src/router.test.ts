import { hashPath, hashQuery, href, matchRoute } from './router';

const routes = ['/inbox', '/mandates/:id', '/decisions/new', '/decisions/:id', '/'];

describe('hash router', () => {
  it('matches fixed and parameter segments in order', () => {
    expect(matchRoute(routes, '/inbox')).toEqual({ pattern: '/inbox', params: {} });
    expect(matchRoute(routes, '/decisions/new')?.pattern).toBe('/decisions/new');
    expect(matchRoute(routes, '/decisions/D-000001')).toEqual({
      pattern: '/decisions/:id',
      params: { id: 'D-000001' },
    });
    expect(matchRoute(routes, '/mandates/M-1%2FX/')?.params.id).toBe('M-1/X');
    expect(matchRoute(routes, '/')?.pattern).toBe('/');
    expect(matchRoute(routes, '/nope/1/2')).toBeUndefined();
  });

  it('reads path and query from the hash', () => {
    expect(hashPath('#/inbox?overdue=true')).toBe('/inbox');
    expect(hashPath('')).toBe('/');
    expect(hashQuery('#/inbox?overdue=true').get('overdue')).toBe('true');
  });

  it('builds links with encoded parameters', () => {
    expect(href('/mandates/:id', { id: 'M 1' })).toBe('#/mandates/M%201');
  });
});
