// startZohoSimulator: wires the state, the accounts server and the API server on two loopback
// ports and returns the handle tests drive (clock, injected failures, stats, request log, and every
// secret it issued or received). `npm run simulator` (scripts/simulator.ts) runs it for people.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAccountsHandler } from './accounts-server.js';
import { driveConsent } from './consent-driver.js';
import type { SimulatorContext } from './context.js';
import { createCrmHandler } from './crm-api.js';
import { createDeviceEndpoints, driveDeviceConsent } from './device-endpoints.js';
import {
  closeServer,
  firstValues,
  flattenHeaders,
  handleSafely,
  listenOnLoopback,
  sendJson,
  sendText,
} from './http-utils.js';
import { isValidScope } from './scopes.js';
import { SimulatorState } from './state.js';
import type {
  InjectedFailure,
  RecordedRequest,
  SelfClientCode,
  SimulatedUser,
  SimulatorStats,
  ZohoSimulator,
  ZohoSimulatorOptions,
} from './types.js';

/** Query parameters that must never travel in a URL (they end up in logs and proxies). */
const SECRET_QUERY_PARAMS = [
  'client_secret',
  'refresh_token',
  'code',
  'code_verifier',
  'token',
  'access_token',
];
/** Authorization schemes whose value is a token. */
const TOKEN_SCHEME = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)/i;

const DEFAULT_USER: SimulatedUser = {
  zuid: 700_000_001,
  firstName: 'Ada',
  lastName: 'Lovelace',
  displayName: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
};

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`startZohoSimulator: ${name} must be a positive number`);
  return value;
}

export async function startZohoSimulator(
  options: ZohoSimulatorOptions = {},
): Promise<ZohoSimulator> {
  const accessTokenTtlSeconds = positiveNumber(
    'accessTokenTtlSeconds',
    options.accessTokenTtlSeconds,
    3600,
  );
  const grantCodeTtlMs = positiveNumber('grantCodeTtlMs', options.grantCodeTtlMs, 120_000);
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const state = new SimulatorState(now, accessTokenTtlSeconds * 1000, grantCodeTtlMs);
  const user: SimulatedUser = { ...DEFAULT_USER, ...options.user };
  const stats: SimulatorStats = {
    tokenCalls: { authorization_code: 0, refresh_token: 0, client_credentials: 0, total: 0 },
    revokeCalls: 0,
    scopeEnhanceCalls: 0,
    userInfoCalls: 0,
    apiCalls: 0,
    deviceCalls: { code: 0, token: 0 },
    secretsInQuery: 0,
  };
  const requests: RecordedRequest[] = [];
  const failures: InjectedFailure[] = [];

  const accountsServer = createServer();
  const apiServer = createServer();
  let accountsUrl: string;
  let apiDomain: string;
  try {
    accountsUrl = await listenOnLoopback(accountsServer, options.accountsPort);
    apiDomain = await listenOnLoopback(apiServer, options.apiPort);
  } catch (error) {
    await Promise.all([closeServer(accountsServer), closeServer(apiServer)]);
    throw error;
  }

  const record = (req: IncomingMessage, url: URL, form: Record<string, string>): void => {
    if (SECRET_QUERY_PARAMS.some((name) => url.searchParams.has(name))) stats.secretsInQuery += 1;
    // Whatever secret a client sent, known or not (a wrong client secret is a secret too).
    for (const name of SECRET_QUERY_PARAMS) {
      state.noteSecret(form[name]);
      state.noteSecret(url.searchParams.get(name) ?? undefined);
    }
    const presented = TOKEN_SCHEME.exec(req.headers.authorization ?? '');
    if (presented) state.noteSecret(presented[1]);
    requests.push(
      Object.freeze({
        method: req.method ?? 'GET',
        url: url.toString(),
        path: url.pathname,
        query: firstValues(url.searchParams),
        form,
        headers: flattenHeaders(req.headers),
      }),
    );
  };

  const ctx: SimulatorContext = {
    state,
    user,
    accountsUrl,
    apiDomain,
    location: options.location ?? 'us',
    accountsServerOnRedirect: options.accountsServerOnRedirect ?? accountsUrl,
    tokenConfig: { apiDomain, accessTokenTtlSeconds, legacyExpiry: options.legacyExpiry ?? false },
    stats,
    record,
    takeInjectedFailure: () => failures.shift(),
  };
  const accountsHandler = createAccountsHandler(ctx);
  const device = createDeviceEndpoints(ctx, {
    intervalMs: positiveNumber('deviceIntervalMs', options.deviceIntervalMs, 30_000),
    codeTtlMs: positiveNumber('deviceCodeTtlMs', options.deviceCodeTtlMs, 300_000),
    minPollGapMs: positiveNumber('deviceMinPollGapMs', options.deviceMinPollGapMs, 30_000),
  });
  accountsServer.on(
    'request',
    handleSafely(async (req, res) => {
      if (options.selfClientCodeEndpoint && req.url?.startsWith('/simulator/')) {
        return answerDemoRequest(req, res);
      }
      const url = new URL(req.url ?? '/', accountsUrl);
      if (url.pathname.startsWith('/oauth/v3/device')) return device.handle(req, url, res);
      return accountsHandler(req, res);
    }),
  );
  apiServer.on('request', handleSafely(createCrmHandler(ctx)));

  let closing: Promise<void> | undefined;

  function issueSelfClientCode({
    clientId,
    scopes,
    ttlMs = 180_000,
  }: {
    clientId: string;
    scopes: string[];
    ttlMs?: number;
  }): SelfClientCode {
    const client = state.client(clientId);
    if (!client || client.type !== 'self')
      throw new Error(`issueSelfClientCode: ${clientId} is not a registered self client`);
    const bad = scopes.find((scope) => !isValidScope(scope));
    if (scopes.length === 0 || bad !== undefined)
      throw new Error(`issueSelfClientCode: invalid scope ${bad ?? '(none)'}`);
    const code = state.issueSelfClientCode(
      clientId,
      [...scopes],
      positiveNumber('ttlMs', ttlMs, 180_000),
    );
    return {
      code: code.code,
      // Key order and types as in real downloaded self_client.json files
      // (docs/zoho.md §3, Self Client).
      selfClientJson: {
        scope: [...scopes],
        expiry_time: code.expiresAt,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        code: code.code,
        grant_type: 'authorization_code',
      },
    };
  }

  /** /simulator/self-client-code and /simulator/self_client.json: the API Console's Generate Code. */
  function answerDemoRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', accountsUrl);
    const clientId = url.searchParams.get('client_id') ?? '';
    const scopes = (url.searchParams.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
    const ttlMs = Number(url.searchParams.get('ttl_ms') ?? 180_000);
    if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed');
    if (
      url.pathname !== '/simulator/self-client-code' &&
      url.pathname !== '/simulator/self_client.json'
    )
      return sendText(res, 404, 'Not Found');
    let issued: SelfClientCode;
    try {
      issued = issueSelfClientCode({ clientId, scopes, ttlMs });
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
    if (url.pathname === '/simulator/self_client.json') {
      res.setHeader('content-disposition', 'attachment; filename="self_client.json"');
      return sendJson(res, 200, issued.selfClientJson);
    }
    sendJson(res, 200, {
      code: issued.code,
      expires_at: new Date(issued.selfClientJson.expiry_time).toISOString(),
    });
  }

  return {
    accountsUrl,
    apiDomain,
    user,
    registerClient: (client) => state.registerClient(client),
    issueSelfClientCode,
    consent: (authorizationUrl, decision) => driveConsent(accountsUrl, authorizationUrl, decision),
    deviceConsent: (userCode, decision, consentOptions) =>
      driveDeviceConsent(accountsUrl, userCode, decision, consentOptions),
    advanceTime(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error('advanceTime: ms must be a finite number >= 0');
      clockOffsetMs += ms;
    },
    failNext(count, response = { status: 503 }) {
      if (!Number.isInteger(count) || count < 0)
        throw new Error('failNext: count must be an integer >= 0');
      for (let i = 0; i < count; i += 1) failures.push({ ...response });
    },
    revokeAll: (clientId) => state.revokeAll(clientId),
    expireAccessTokens: () => state.expireAccessTokens(),
    setAccessTokenTtl(seconds) {
      positiveNumber('accessTokenTtlSeconds', seconds, seconds);
      ctx.tokenConfig.accessTokenTtlSeconds = seconds;
      state.setAccessTokenTtlMs(seconds * 1000);
    },
    setTokenApiDomain(value) {
      ctx.tokenConfig.apiDomain = value ?? apiDomain;
    },
    get stats(): SimulatorStats {
      return structuredClone({ ...stats, deviceCalls: { ...device.stats } });
    },
    get requests(): readonly RecordedRequest[] {
      return [...requests];
    },
    get secrets(): readonly string[] {
      return [...state.secrets];
    },
    close() {
      closing ??= Promise.all([closeServer(accountsServer), closeServer(apiServer)]).then(
        () => undefined,
      );
      return closing;
    },
  };
}
