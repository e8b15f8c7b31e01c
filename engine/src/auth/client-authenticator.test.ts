import { ManualClock } from '../clock/manual-clock';
import { ClientAuthenticator, Unauthenticated } from './client-authenticator';

const clock = new ManualClock(0);
const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;

describe('ClientAuthenticator (Basic)', () => {
  const auth = new ClientAuthenticator(
    { basic: { clientId: 'platform', clientSecret: 's3cret:with:colons' } },
    clock,
  );

  it('lets in the configured client, the secret may hold colons', async () => {
    await expect(auth.authenticate(basic('platform:s3cret:with:colons'))).resolves.toEqual({
      clientId: 'platform',
      via: 'basic',
    });
    await expect(
      auth.authenticate(`basic ${Buffer.from('platform:s3cret:with:colons').toString('base64')}`),
    ).resolves.toMatchObject({ via: 'basic' });
  });

  it.each([
    [undefined, /^no credentials: this engine requires an Authorization of "Basic/],
    ['', /^no credentials/],
    [basic('platform:s3cret'), /^wrong client id or secret$/],
    [basic('platforms:s3cret:with:colons'), /^wrong client id or secret$/],
    [basic('platform'), /^malformed Basic credentials/],
    ['Bearer abc.def.ghi', /^bearer tokens are not accepted here/],
    ['Negotiate xyz', /^unsupported authorization scheme "negotiate"/],
  ])('refuses %p', async (header, message) => {
    const refusal = auth.authenticate(header);
    await expect(refusal).rejects.toBeInstanceOf(Unauthenticated);
    await expect(refusal).rejects.toThrow(message);
  });

  it('cannot be built without credentials to check: there is no anonymous mode', () => {
    expect(() => new ClientAuthenticator({}, clock)).toThrow(/needs credentials/);
    expect(() => new ClientAuthenticator({ basic: { clientId: 'x', clientSecret: '' } }, clock)).toThrow(
      /non-empty/,
    );
    expect(
      () => new ClientAuthenticator({ oauth: { issuer: 'http://issuer', audience: '' } }, clock),
    ).toThrow(/issuer and an audience/);
  });
});
