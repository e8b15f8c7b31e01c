import { addressKey } from './login-throttle';

describe('login throttle: the throttled unit of an address', () => {
  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2::ffff'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe(addressKey('10.0.0.1'));
    expect(addressKey('::1')).toBe('a:0:0:0:0::/64');
  });
});
