// Public types of the Zoho simulator: its options, the handle tests hold, and what it records.

/** 'device': a Non-browser application, which signs in with the device flow (docs/zoho.md §4.7). */
export type SimulatedClientType = 'self' | 'server' | 'device';

/** The one Zoho user who "signs in" to the simulator and consents. */
export interface SimulatedUser {
  zuid: number;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
}

export interface ZohoSimulatorOptions {
  /** Access-token lifetime; `expires_in` reports it. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of codes minted on the consent page (server clients). Default 120_000 (Accounts docs: 2 min). */
  grantCodeTtlMs?: number;
  /** Answer token requests in the legacy form: `expires_in_sec` (s) and `expires_in` in milliseconds. */
  legacyExpiry?: boolean;
  /** DC code sent as `location` on the consent redirect. Default 'us'. */
  location?: string;
  /** Value sent as `accounts-server` on the redirect (to test untrusted values). Default: this simulator's accountsUrl. */
  accountsServerOnRedirect?: string;
  /** Override fields of the simulated user (user info, CRM current user). */
  user?: Partial<SimulatedUser>;
  /** Port of the accounts server on 127.0.0.1; default 0 (the OS picks one; tests always do). */
  accountsPort?: number;
  /** Port of the API server on 127.0.0.1; default 0. */
  apiPort?: number;
  /**
   * Serve `GET /simulator/self-client-code?client_id=…&scope=a,b` on the accounts server: issues a
   * Self Client grant code (JSON) like the API Console's Generate Code tab, and
   * `GET /simulator/self_client.json?…` the same as the downloadable file. For `npm run simulator`.
   */
  selfClientCodeEndpoint?: boolean;
  /** Device flow: `interval` of each device code, in ms (Zoho's unit). Default 30_000. */
  deviceIntervalMs?: number;
  /** Device flow: `expires_in` of each device code, in ms. Default 300_000 (Zoho: 5 minutes). */
  deviceCodeTtlMs?: number;
  /** Device flow: two polls of one code closer than this answer slow_down. Default 30_000 (Zoho). */
  deviceMinPollGapMs?: number;
}

export interface SimulatedClientRegistration {
  clientId: string;
  clientSecret: string;
  type: SimulatedClientType;
  /** Required for server clients; each must start with http:// or https:// and is matched exactly. */
  redirectUris?: string[];
  /**
   * Self Clients of a product with several organizations: the soids (e.g. ZohoCRM.600000000) a
   * client_credentials call may name. When given, a call without soid answers missing_org_info.
   */
  organizations?: string[];
  /** Server clients: whether scope enhancement is served (default true); false answers it with an error. */
  scopeEnhancement?: boolean;
}

/** The exact shape of the `self_client.json` file the API Console downloads. */
export interface SelfClientJson {
  scope: string[];
  /** Epoch milliseconds when the code expires. */
  expiry_time: number;
  client_id: string;
  client_secret: string;
  code: string;
  grant_type: 'authorization_code';
}

export interface SelfClientCode {
  code: string;
  selfClientJson: SelfClientJson;
}

export interface SimulatorStats {
  /** Every POST to /oauth/v2/token, counted by its grant_type (failed and injected-failure requests too). */
  tokenCalls: {
    authorization_code: number;
    refresh_token: number;
    client_credentials: number;
    total: number;
  };
  revokeCalls: number;
  /** POSTs to /oauth/v2/token/scopeenhance. */
  scopeEnhanceCalls: number;
  userInfoCalls: number;
  /** Every request that reached the API domain, whatever its answer. */
  apiCalls: number;
  /** Device flow: POSTs to /oauth/v3/device/code and to /oauth/v3/device/token. */
  deviceCalls: { code: number; token: number };
  /** Recorded requests whose query string carried a secret (client_secret, refresh_token, code, code_verifier, token, access_token). */
  secretsInQuery: number;
}

export interface RecordedRequest {
  method: string;
  /** Absolute URL as received, query included. */
  url: string;
  path: string;
  query: Record<string, string>;
  /** Parsed form body (urlencoded or multipart); {} for other bodies. */
  form: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

export interface InjectedFailure {
  status: number;
  body?: string;
}

export interface ZohoSimulator {
  /** http://127.0.0.1:<port>: /oauth/v2/auth, /oauth/v2/token, /oauth/v2/token/revoke, /oauth/user/info. */
  readonly accountsUrl: string;
  /** http://127.0.0.1:<other port>: a CRM-like API (returned as `api_domain`). */
  readonly apiDomain: string;
  readonly user: SimulatedUser;
  registerClient(client: SimulatedClientRegistration): void;
  /** Like the API Console's "Generate Code" tab; ttlMs default 180_000 (3 min). */
  issueSelfClientCode(request: {
    clientId: string;
    scopes: string[];
    ttlMs?: number;
  }): SelfClientCode;
  /** Drives the consent page over HTTP and returns the redirect Location without following it. */
  consent(authorizationUrl: string, decision: 'accept' | 'reject'): Promise<string>;
  /**
   * The admin's side of the device flow, over HTTP as a browser would: opens the verification
   * page, enters the user code, presses Accept or Reject. `userLocation`: the DC of the account
   * that accepts; one other than this simulator's `location` makes the next poll answer other_dc.
   */
  deviceConsent(
    userCode: string,
    decision: 'accept' | 'reject',
    options?: { userLocation?: string },
  ): Promise<void>;
  /** Moves the simulator clock (Date.now() + offset) forward; codes, tokens and throttles use it. */
  advanceTime(ms: number): void;
  /** The next `count` token-endpoint requests fail before being processed (default HTTP 503). */
  failNext(count: number, response?: InjectedFailure): void;
  revokeAll(clientId?: string): void;
  expireAccessTokens(): void;
  /** Lifetime (and expires_in) of access tokens issued from now on, e.g. to hand out one that is about to expire. */
  setAccessTokenTtl(seconds: number): void;
  /**
   * The `api_domain` that token answers carry from now on (to test clients that must not trust
   * it); undefined goes back to this simulator's apiDomain.
   */
  setTokenApiDomain(value: string | undefined): void;
  /** A snapshot at the time of reading. */
  readonly stats: SimulatorStats;
  /** Token, revoke, user-info, and API requests, oldest first (a snapshot). */
  readonly requests: readonly RecordedRequest[];
  /**
   * Every secret value it issued (client secrets, grant codes, refresh and access tokens) or
   * received (client_secret, code, refresh_token, token, code_verifier, access_token fields, and
   * tokens in Authorization headers), whether or not it knew them (a snapshot).
   */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}
