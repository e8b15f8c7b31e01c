import { hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  // scrypt with N=2^17 takes about a second on a busy shared core.
  jest.setTimeout(60_000);
  it('accepts the right password and refuses a wrong one, at OWASP cost N=2^17', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts each hash, so equal passwords hash differently', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AA==$')).toBe(false);
    // a cost far beyond this build's is not run (it would take gigabytes)
    expect(await verifyPassword('x', 'scrypt$4194304$8$1$AA==$AA==')).toBe(false);
  });

  it('asks for a rehash of hashes made with the old cost N=2^15', () => {
    expect(needsRehash('scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA')).toBe(true);
    expect(needsRehash('plain-text')).toBe(true);
  });
});
