// A real OpenID Connect provider for the sign-in tests (internal/httpapi/
// signin_test.go): panva's oidc-provider, a certified implementation, on
// loopback with its own signing key. Its accounts sign in without a
// password: the test names the account in login_hint, or types it into the
// sign-in form a browser is shown without one. Everything else is the
// provider's own: discovery, JWKS, authorization code with PKCE, token
// endpoint, ID tokens and JWT access tokens.
//
// node oidc-provider.mjs '<settings JSON>'
//   settings: { issuer?: string (default: http://127.0.0.1:<port>),
//               clients: [{ id, idTokenTTL?, redirectUris?, secret? }],
//               accounts: { login: claims },
//               resource?: string (JWT access tokens for this audience),
//               port?: number (default: any free one) }
// Prints {"issuer": "...", "port": N} once it listens.
//
// Two test controls beside the provider's own endpoints (not part of any
// real provider): POST /test/accounts/<login> replaces that account's
// claims (a person whose e-mail changes at the provider), and
// GET /test/jwks-fetches says how often its key set was fetched.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2] ?? '{}');
const accounts = settings.accounts ?? {};
const ttls = Object.fromEntries((settings.clients ?? []).map((c) => [c.id, c.idTokenTTL ?? 3600]));

const server = http.createServer();
await new Promise((resolve) => server.listen(settings.port ?? 0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = settings.issuer ?? `http://127.0.0.1:${port}`;

// A fresh signing key per process: two providers never share one.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };

const claimsOf = (login) => ({ sub: login, ...accounts[login] });

const provider = new Provider(issuer, {
  clients: (settings.clients ?? []).map((c) => ({
    client_id: c.id,
    // A browser app is a public client (PKCE); a server that signs
    // browsers in (Firebreak's console) may be a confidential one.
    ...(c.secret ? { client_secret: c.secret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: c.redirectUris ?? ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  })),
  jwks: { keys: [jwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  conformIdTokenClaims: false, // the claims asked for go into the ID token too
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: Boolean(settings.resource),
      defaultResource: () => settings.resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'openid email profile groups', audience: settings.resource, accessTokenFormat: 'jwt', accessTokenTTL: 3600 }),
    },
  },
  extraTokenClaims: (ctx, token) => (token.kind === 'AccessToken' ? { email: accounts[token.accountId]?.email, groups: accounts[token.accountId]?.groups } : undefined),
  ttl: { IdToken: (ctx, token, client) => ttls[client.clientId] ?? 3600 },
  findAccount: (ctx, id) => (accounts[id] ? { accountId: id, claims: () => claimsOf(id) } : undefined),
});

let jwksFetches = 0;
const testControl = async (req, res) => {
  if (req.method === 'GET' && req.url === '/test/jwks-fetches') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ fetches: jwksFetches }));
    return;
  }
  const login = req.method === 'POST' && req.url.startsWith('/test/accounts/') && decodeURIComponent(req.url.slice('/test/accounts/'.length));
  if (!login) {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  accounts[login] = JSON.parse(body);
  res.writeHead(204).end();
};

const callback = provider.callback();
server.on('request', async (req, res) => {
  if (req.url.startsWith('/test/')) {
    await testControl(req, res);
    return;
  }
  if (req.url.split('?')[0] === '/jwks') jwksFetches += 1;
  if (!req.url.startsWith('/interaction/')) {
    callback(req, res);
    return;
  }
  // The sign-in page: the account named in login_hint (or typed into the
  // form) signs in and consents.
  try {
    const details = await provider.interactionDetails(req, res);
    let accountId = details.params.login_hint;
    if (!accountId && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      accountId = new URLSearchParams(body).get('login');
    }
    if (!accountId) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Sign in</title>
<form method="post" action="/interaction/${details.uid}"><label>Account <input name="login" autofocus></label>
<button type="submit">Sign in</button></form></html>`);
      return;
    }
    if (!accounts[accountId]) {
      res.writeHead(403).end('unknown account');
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    if (settings.resource) grant.addResourceScope(settings.resource, details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
process.stdout.write(JSON.stringify({ issuer, port }) + '\n');
