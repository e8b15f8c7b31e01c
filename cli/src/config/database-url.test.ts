import { describeConfig, loadConfig } from './load';

describe('IPLUS_DATABASE_URL', () => {
  it('is empty (SQLite) by default and takes a postgres:// URL', () => {
    expect(loadConfig({}).databaseUrl).toBe('');
    const url = 'postgres://iplus:s3cret@db.example:5432/iplus';
    expect(loadConfig({ IPLUS_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ IPLUS_DATABASE_URL: 'postgresql://db/iplus' }).databaseUrl).toBe(
      'postgresql://db/iplus',
    );
  });

  it('refuses another scheme without repeating the password', () => {
    let message = '';
    try {
      loadConfig({ IPLUS_DATABASE_URL: 'mysql://iplus:s3cret@db/iplus' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /IPLUS_DATABASE_URL="mysql:\/\/iplus:\*\*\*@db\/iplus" is not valid: expected .*postgres:\/\//,
    );
    expect(message).not.toContain('s3cret');
  });

  it('is shown by `iplus config` without its password', () => {
    const table = describeConfig(loadConfig({ IPLUS_DATABASE_URL: 'postgres://iplus:s3cret@db:5432/iplus' }));
    expect(table).toContain('postgres://iplus:***@db:5432/iplus');
    expect(table).not.toContain('s3cret');
  });
});
