import {
  CallbackAllowList,
  embeddedIpv4,
  isInternalAddress,
  resolveCallbackTarget,
} from './callback-address';

describe('callback addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '0:0:0:0:0:ffff:7f00:0001',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '2002:c0a8:0101::1',
    'not an address',
  ])('%s is internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '192.169.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '2002:0808:0808::1',
  ])('%s is public', (address) => expect(isInternalAddress(address)).toBe(false));

  it('reads the IPv4 address inside mapped, NAT64 and 6to4 forms', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::a00:1')).toBe('10.0.0.1');
    expect(embeddedIpv4('2002:a9fe:a9fe::')).toBe('169.254.169.254');
    expect(embeddedIpv4('2001:db8::1')).toBeUndefined();
    expect(embeddedIpv4('::1')).toBeUndefined();
  });

  it('refuses a name that resolves to any internal address, unless the name or the address is allowed', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const url = new URL('http://hooks.example/x');
    const refused = await resolveCallbackTarget(url, CallbackAllowList.parse(''), lookup);
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('127.0.0.1') });
    expect(await resolveCallbackTarget(url, CallbackAllowList.parse('HOOKS.example'), lookup)).toEqual({
      ok: true,
      address: '93.184.216.34',
      family: 4,
    });
    expect((await resolveCallbackTarget(url, CallbackAllowList.parse('127.0.0.0/8'), lookup)).ok).toBe(true);
    expect(
      (
        await resolveCallbackTarget(
          new URL('http://[::ffff:127.0.0.1]/'),
          CallbackAllowList.parse('127.0.0.1'),
          lookup,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await resolveCallbackTarget(
          new URL('http://[::ffff:127.0.0.1]/'),
          CallbackAllowList.parse(''),
          lookup,
        )
      ).ok,
    ).toBe(false);
  });

  it('refuses a name that does not resolve, and connects to the address it checked', async () => {
    const fails = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    expect(
      await resolveCallbackTarget(new URL('http://x.invalid/'), CallbackAllowList.parse(''), fails),
    ).toEqual({
      ok: false,
      reason: expect.stringContaining('ENOTFOUND'),
    });
    const target = await resolveCallbackTarget(new URL('http://2130706433/'), CallbackAllowList.parse(''));
    expect(target).toEqual({ ok: false, reason: expect.stringContaining('127.0.0.1') });
  });
});
