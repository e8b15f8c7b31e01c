import { olderThan } from './platform-version';

describe('olderThan', () => {
  it('compares execution platform versions part by part', () => {
    expect(olderThan('8.4.0', '8.8.0')).toBe(true);
    expect(olderThan('8.10.0', '8.8.0')).toBe(false);
    expect(olderThan('8.8', '8.8.0')).toBe(false);
    expect(olderThan('8.8.0', '8.8.0')).toBe(false);
  });

  it('counts an unreadable version as older', () => {
    expect(olderThan('', '8.8.0')).toBe(true);
    expect(olderThan('eight', '8.8.0')).toBe(true);
  });
});
