import { loadConfig } from './config/load';
import { engineAuth, platformConnection } from './engine-credentials';

const config = (env: Record<string, string>) => loadConfig(env);

describe('engine credentials from the configuration', () => {
  it('iplus engine: refuses to run open, and says how', () => {
    expect(() => engineAuth(config({}))).toThrow(
      /IPLUS_ENGINE_CLIENT_SECRET.*IPLUS_ENGINE_OAUTH_ISSUER and IPLUS_ENGINE_OAUTH_AUDIENCE/s,
    );
    expect(() => engineAuth(config({ IPLUS_ENGINE_OAUTH_ISSUER: 'https://login.example' }))).toThrow(
      /IPLUS_ENGINE_OAUTH_AUDIENCE/,
    );
    expect(() => engineAuth(config({ IPLUS_ENGINE_OAUTH_AUDIENCE: 'zeebe-api' }))).toThrow(
      /IPLUS_ENGINE_OAUTH_ISSUER/,
    );
  });

  it('Basic, OAuth or both; iplus start passes its generated secret', () => {
    expect(engineAuth(config({ IPLUS_ENGINE_CLIENT_SECRET: 's' }))).toEqual({
      basic: { clientId: 'iplus-platform', clientSecret: 's' },
    });
    expect(engineAuth(config({}), 'generated')).toEqual({
      basic: { clientId: 'iplus-platform', clientSecret: 'generated' },
    });
    expect(
      engineAuth(
        config({
          IPLUS_ENGINE_OAUTH_ISSUER: 'https://login.example/realms/iplus',
          IPLUS_ENGINE_OAUTH_AUDIENCE: 'zeebe-api',
          IPLUS_ENGINE_OAUTH_JWKS_URL: 'https://login.example/certs',
        }),
      ),
    ).toEqual({
      oauth: {
        issuer: 'https://login.example/realms/iplus',
        audience: 'zeebe-api',
        jwksUrl: 'https://login.example/certs',
      },
    });
  });

  it('the platform: OAuth when an authorization server is set (all of its settings required), else Basic, else none', () => {
    const oauth = {
      ZEEBE_AUTHORIZATION_SERVER_URL: 'https://login.example/oauth/token',
      ZEEBE_CLIENT_ID: 'iplus',
      ZEEBE_CLIENT_SECRET: 'secret',
      ZEEBE_TOKEN_AUDIENCE: 'zeebe-api',
      ZEEBE_SECURE_CONNECTION: 'true',
      ZEEBE_CA_CERTIFICATE_PATH: '/etc/iplus/ca.pem',
    };
    expect(platformConnection(config(oauth), 'generated')).toEqual({
      secure: true,
      caCertificatePath: '/etc/iplus/ca.pem',
      credentials: {
        kind: 'oauth',
        clientId: 'iplus',
        clientSecret: 'secret',
        tokenUrl: 'https://login.example/oauth/token',
        audience: 'zeebe-api',
      },
    });
    expect(() => platformConnection(config({ ...oauth, ZEEBE_TOKEN_AUDIENCE: '' }))).toThrow(
      /ZEEBE_TOKEN_AUDIENCE/,
    );
    expect(
      platformConnection(
        config({ CAMUNDA_BASIC_AUTH_USERNAME: 'u', CAMUNDA_BASIC_AUTH_PASSWORD: 'p' }),
        'generated',
      ).credentials,
    ).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(platformConnection(config({}), 'generated').credentials).toEqual({
      kind: 'basic',
      username: 'iplus-platform',
      password: 'generated',
    });
    expect(platformConnection(config({ IPLUS_ENGINE_CLIENT_SECRET: 'shared' })).credentials).toMatchObject({
      password: 'shared',
    });
    expect(platformConnection(config({}))).toEqual({ secure: false, credentials: { kind: 'none' } });
  });
});
