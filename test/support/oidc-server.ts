// A real, standards-conformant authorization server for integration tests: oidc-provider 9 on
// 127.0.0.1 with its routes moved to Zoho's paths, a confidential client (client_secret_post,
// PKCE S256 required, rotating refresh tokens), tiny login/consent interaction routes, and a
// scripted "browser" that signs in and consents (or declines) over HTTP with cookies.

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserOpener } from '../../main/core/ports.js';

/** The part of oidc-provider's API this file uses (the package ships no type declarations). */
interface Interaction {
  uid: string;
  prompt: {
    name: string;
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: { client_id: string };
  session?: { accountId: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: unknown,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (
  issuer: string,
  configuration: Record<string, unknown>,
) => OidcProvider;

export interface TestUser {
  accountId: string;
  email: string;
  name: string;
}

export interface OidcTestServer {
  /** http://127.0.0.1:<port>; stands in for a Zoho accounts server. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  user: TestUser;
  /** Server-side errors oidc-provider reported (useful when a test fails). */
  serverErrors: string[];
  /** A user agent that signs in as the test user and presses Accept (or Reject). */
  browser(options?: {
    decline?: boolean;
  }): BrowserOpener & { visits: string[]; finished: Promise<number> };
  close(): Promise<void>;
}

export const TEST_USER: TestUser = {
  accountId: 'user-7001',
  email: 'asha@example.com',
  name: 'Asha Rao',
};

let cachedSigningKey: object | undefined;
/** One RSA key per test process: generating it takes a few hundred milliseconds. */
function signingKey(): object {
  cachedSigningKey ??= {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-key',
    use: 'sig',
    alg: 'RS256',
  };
  return cachedSigningKey;
}

async function loadProvider(): Promise<ProviderConstructor> {
  // A non-literal specifier: the package has no types, and this keeps tsc from asking for them.
  const specifier: string = 'oidc-provider';
  const module = (await import(specifier)) as { Provider: ProviderConstructor };
  return module.Provider;
}

export async function startOidcServer(options: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<OidcTestServer> {
  const Provider = await loadProvider();
  const clientId = options.clientId ?? 'test-client';
  const clientSecret = options.clientSecret ?? 'test-client-secret-0123456789abcdef';
  const user = TEST_USER;
  const serverErrors: string[] = [];

  // Listen first: the issuer URL (which the provider needs) contains the port.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    // Zoho's paths, so the Zoho OAuth client talks to it unchanged.
    routes: {
      authorization: '/oauth/v2/auth',
      token: '/oauth/v2/token',
      revocation: '/oauth/v2/token/revoke',
      userinfo: '/oauth/user/info',
    },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // RFC 7009: a client may revoke only its own tokens.
        allowedPolicy: async (
          _ctx: unknown,
          client: { clientId: string },
          token: { clientId: string },
        ) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
    adapter: memoryAdapterFactory(),
    // Our own signing key, so the id_token is signed as in production (not with dev keys).
    jwks: { keys: [signingKey()] },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async () => true,
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, claims: async () => ({ sub, email: user.email, name: user.name }) };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    cookies: { keys: ['token-desk-test-cookie-key'] },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86_400,
      Interaction: 600,
      Session: 600,
      Grant: 86_400,
    },
  });
  const handler = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(provider, handler, req, res).catch((error: unknown) => {
      serverErrors.push(String(error));
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  for (const event of ['server_error']) {
    provider.on(event, (...args: unknown[]) =>
      serverErrors.push(`${event}: ${String(args.find((a) => a instanceof Error) ?? args[0])}`),
    );
  }

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: options.redirectUri,
    user,
    serverErrors,
    browser: (browserOptions = {}) =>
      scriptedBrowser(issuer, user, browserOptions.decline ?? false),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface StoredArtifact {
  payload: Record<string, unknown>;
  expiresAt?: number;
}

/**
 * A per-server in-memory store for oidc-provider's artifacts (codes, tokens, sessions, grants),
 * with the indexes it needs: by uid (sessions), by user code, and by grant (for revocation).
 */
function memoryAdapterFactory(): (model: string) => object {
  const artifacts = new Map<string, StoredArtifact>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  const live = (key: string) => {
    const entry = artifacts.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      artifacts.delete(key);
      return undefined;
    }
    return entry?.payload;
  };
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
        artifacts.set(key(id), {
          payload,
          expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000,
        });
        if (typeof payload.uid === 'string') byUid.set(payload.uid, id);
        if (typeof payload.userCode === 'string') byUserCode.set(payload.userCode, id);
        if (typeof payload.grantId === 'string') {
          const members = byGrant.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          byGrant.set(payload.grantId, members);
        }
      },
      async find(id: string) {
        return live(key(id));
      },
      async findByUid(uid: string) {
        const id = byUid.get(uid);
        return id === undefined ? undefined : live(key(id));
      },
      async findByUserCode(userCode: string) {
        const id = byUserCode.get(userCode);
        return id === undefined ? undefined : live(key(id));
      },
      async consume(id: string) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        artifacts.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const member of byGrant.get(grantId) ?? []) artifacts.delete(member);
        byGrant.delete(grantId);
      },
    };
  };
}

async function route(
  provider: OidcProvider,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const interaction = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
  if (interaction) {
    await handleInteraction(provider, req, res, interaction[2]);
    return;
  }
  if (url.pathname === '/oauth/v2/auth') {
    // Zoho joins scopes with commas; OAuth servers with spaces.
    const scope = url.searchParams.get('scope');
    if (scope) url.searchParams.set('scope', scope.split(',').join(' '));
    req.url = url.pathname + url.search;
  }
  if (url.pathname === '/oauth/user/info') {
    // Zoho's header scheme; oidc-provider expects Bearer.
    const auth = req.headers.authorization;
    if (auth?.startsWith('Zoho-oauthtoken '))
      req.headers.authorization = `Bearer ${auth.slice('Zoho-oauthtoken '.length)}`;
  }
  handler(req, res);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function handleInteraction(
  provider: OidcProvider,
  req: IncomingMessage,
  res: ServerResponse,
  action: string | undefined,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (action === undefined && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name }));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const form = await readForm(req);
  if (action === 'abort') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (action === 'login' && details.prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: form.get('login') ?? '' } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (action === 'confirm' && details.prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session?.accountId ?? '',
          clientId: details.params.client_id,
        });
    if (!grant) throw new Error('grant not found');
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  res
    .writeHead(400, { 'content-type': 'text/plain' })
    .end(`unexpected ${action ?? ''} for prompt ${details.prompt.name}`);
}

/**
 * Follows the authorization flow like a browser: redirects by hand, cookies kept for the
 * authorization server only, the login and consent pages answered by form posts, and finally
 * the redirect to the client's loopback URI requested. `finished` resolves with that last status.
 */
function scriptedBrowser(
  issuer: string,
  user: TestUser,
  decline: boolean,
): BrowserOpener & { visits: string[]; finished: Promise<number> } {
  const visits: string[] = [];
  const jar = new Map<string, string>();
  let settle!: { resolve: (status: number) => void; reject: (error: unknown) => void };
  const finished = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  finished.catch(() => undefined);

  async function send(
    method: 'GET' | 'POST',
    url: string,
    body?: URLSearchParams,
  ): Promise<Response> {
    visits.push(`${method} ${new URL(url).pathname}`);
    const headers: Record<string, string> = {};
    const ours = new URL(url).origin === issuer;
    if (ours && jar.size > 0)
      headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method,
      headers,
      body: body?.toString(),
      redirect: 'manual',
    });
    if (ours) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = cookie.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attributes.some(
          (a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') <= Date.now(),
        );
        if (value === '' || expired) jar.delete(name);
        else jar.set(name, value);
      }
    }
    return response;
  }

  async function run(start: string): Promise<number> {
    let method: 'GET' | 'POST' = 'GET';
    let url = start;
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      const response = await send(method, url, body);
      const text = await response.text();
      if (new URL(url).origin !== issuer) return response.status;
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      const interaction = /^\/interaction\/([^/]+)$/.exec(new URL(url).pathname);
      if (response.status === 200 && interaction) {
        const { prompt } = JSON.parse(text) as { prompt: string };
        method = 'POST';
        if (decline) {
          url = `${issuer}/interaction/${interaction[1]}/abort`;
          body = new URLSearchParams();
        } else if (prompt === 'login') {
          url = `${issuer}/interaction/${interaction[1]}/login`;
          body = new URLSearchParams({ login: user.accountId });
        } else {
          url = `${issuer}/interaction/${interaction[1]}/confirm`;
          body = new URLSearchParams();
        }
        continue;
      }
      throw new Error(
        `authorization server answered ${response.status} at ${new URL(url).pathname}: ${text.slice(0, 500)}`,
      );
    }
    throw new Error('too many redirects');
  }

  return {
    visits,
    finished,
    async open(url: string) {
      // Like a real browser: opening returns at once, the sign-in goes on by itself.
      void run(url).then(settle.resolve, settle.reject);
    },
  };
}
