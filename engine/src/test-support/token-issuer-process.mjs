// A real OpenID provider (oidc-provider, certified) issuing OAuth 2 client-credentials access
// tokens as JWTs, for the engine's credential tests. Run by token-issuer.ts in its own process
// (oidc-provider is ESM-only): reads its clients from the ISSUER_CLIENTS environment variable
// (JSON), prints `READY <issuer>` once it listens on a free port of 127.0.0.1.
import * as http from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.ISSUER_CLIENTS ?? '[]');
const ttl = Number(process.env.ISSUER_TOKEN_TTL_S ?? '300');

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' };

const provider = new Provider(issuer, {
  jwks: { keys: [jwk] },
  clients: clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: c.authMethod ?? 'client_secret_post',
  })),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:iplus:no-audience',
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => ({
        scope: '',
        audience: resource,
        accessTokenTTL: ttl,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
// Camunda's clients (zbctl, zeebe-node) name the API they want a token for with `audience`, where
// RFC 8707 (which oidc-provider implements) says `resource`: the token request's form is read here
// and `audience` passed on as the resource indicator.
const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.method !== 'POST' || !req.url.startsWith('/token')) return callback(req, res);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    if (form.audience && !form.resource) form.resource = form.audience;
    delete form.audience;
    req.body = form;
    callback(req, res);
  });
});
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => process.exit(0));
