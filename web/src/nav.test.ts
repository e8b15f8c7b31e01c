import { homeOf, NAV, navFor } from './nav';

describe('navigation', () => {
  it('lands each role on its own job', () => {
    expect(homeOf('police_agent')).toBe('/inbox');
    expect(homeOf('justice_assistant')).toBe('/inbox');
    expect(homeOf('monitoring_operator')).toBe('/inbox');
    expect(homeOf('parquet_clerk')).toBe('/decisions/new');
    expect(homeOf('coordinator')).toBe('/decisions');
    expect(homeOf('analyst')).toBe('/models');
    expect(homeOf('prison_officer')).toBe('/decisions');
  });

  it("offers the prison officer the upload of its director's leaves", () => {
    expect(navFor('prison_officer').find((n) => n.path === '/decisions/new')?.key).toBe('nav.uploadLeave');
    expect(navFor('parquet_clerk').find((n) => n.path === '/decisions/new')?.key).toBe('nav.upload');
  });

  it('gives the admin everything but the role-specific inbox, upload and breaches', () => {
    const admin = navFor('admin').map((n) => n.path);
    expect(admin).toContain('/audit');
    expect(admin).not.toContain('/inbox');
    expect(NAV.filter((n) => n.roles.includes('admin')).length).toBe(admin.length);
  });
});
