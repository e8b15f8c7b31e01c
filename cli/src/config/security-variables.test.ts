import { loadConfig } from './load';

describe('IPLUS_ENV and IPLUS_TRUST_PROXY', () => {
  it('defaults to development and no trusted proxy', () => {
    expect(loadConfig({})).toMatchObject({ env: 'development', trustProxy: '' });
  });

  it('takes IP addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(loadConfig({ IPLUS_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy).toBe(
      '127.0.0.1,10.0.0.0/8,::1,fd00::/8',
    );
  });

  it.each(['proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.1,', 'any'])(
    'refuses %s and says what is allowed',
    (value) => {
      expect(() => loadConfig({ IPLUS_TRUST_PROXY: value })).toThrow(
        /IPLUS_TRUST_PROXY.*comma-separated IP/s,
      );
    },
  );

  it('refuses an unknown environment', () => {
    expect(() => loadConfig({ IPLUS_ENV: 'prod' })).toThrow(
      /IPLUS_ENV="prod" is not valid.*development, production/s,
    );
  });
});
