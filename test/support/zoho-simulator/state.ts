// The simulator's memory: registered clients, pending consents, grant codes, refresh and access
// tokens, and the Zoho limits that act on them (docs/zoho.md §9, Limits). All time comes from the
// simulator clock so tests move it with advanceTime instead of sleeping.
import { randomBytes } from 'node:crypto';
import type { SimulatedClientRegistration, SimulatedClientType } from './types.js';

export const LIMIT_WINDOW_MS = 10 * 60_000;
/** Grant codes per client per 10 minutes (docs/zoho.md §9), counted on the consent page only. */
const GRANT_CODES_PER_WINDOW = 10;
/** Refreshes per refresh token per 10 minutes; the 11th is answered "Access Denied". */
const REFRESHES_PER_WINDOW = 10;
/** Accounts limit (CRM says 15, older docs 30): design for the strictest. */
const ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN = 10;
/** Creating the 21st refresh token for a user + client deletes the oldest. */
const REFRESH_TOKENS_PER_CLIENT = 20;
/** How long a consent page stays answerable; Zoho's own is a session, generous is fine here. */
const PENDING_AUTHORIZATION_TTL_MS = 30 * 60_000;

export interface SimulatedClient {
  clientId: string;
  clientSecret: string;
  type: SimulatedClientType;
  redirectUris: readonly string[];
  /** Self Clients: the soids (<Service>.<org ID>) its client-credentials calls may name. */
  organizations: readonly string[];
  /** Whether /oauth/v2/token/scopeenhance serves this client (default true). */
  scopeEnhancement: boolean;
}

export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  accessType: 'online' | 'offline';
  prompt: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  /** An addextrascope consent: the refresh token that gets the scopes; no code is issued. */
  enhances?: RefreshTokenRecord;
  createdAt: number;
}

/** A scope-enhancement token (docs/zoho.md §4.9): short-lived, for one refresh token's consent. */
export interface EnhanceTokenRecord {
  token: string;
  refreshToken: RefreshTokenRecord;
  expiresAt: number;
}

/** How long an enhancement token lasts; Zoho's value is not documented, a few minutes is enough. */
export const ENHANCE_TOKEN_TTL_MS = 10 * 60_000;

export interface GrantCode {
  code: string;
  clientId: string;
  kind: 'self' | 'server';
  scopes: string[];
  expiresAt: number;
  used: boolean;
  /** Server codes only: the exchange must repeat it exactly. */
  redirectUri: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  /** Decided at consent time: offline and (first consent or prompt=consent), or a self-client code. */
  issuesRefreshToken: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
  accessTokens: AccessTokenRecord[];
  refreshWindow: FixedWindow;
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
  refreshToken: RefreshTokenRecord | undefined;
}

/** Zoho's limits read "N per 10 minutes, then blocked for the rest of the 10 minutes": a fixed window. */
interface FixedWindow {
  start: number;
  count: number;
}

/** The window opens at the first counted event, not at creation. */
function newWindow(): FixedWindow {
  return { start: Number.NEGATIVE_INFINITY, count: 0 };
}

function takeFromWindow(window: FixedWindow, now: number, limit: number): boolean {
  if (now >= window.start + LIMIT_WINDOW_MS) {
    window.start = now;
    window.count = 0;
  }
  if (window.count >= limit) return false;
  window.count += 1;
  return true;
}

/** Zoho tokens and codes look like `1000.<hex>.<hex>`. */
export function zohoStyleToken(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

export class SimulatorState {
  private readonly clients = new Map<string, SimulatedClient>();
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, GrantCode>();
  // Insertion order is creation order, which the 20-token rotation relies on.
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly grantWindows = new Map<string, FixedWindow>();
  /** Every secret value this simulator issued or received, for tests that scan files for leaks. */
  readonly secrets = new Set<string>();

  /** Remembers a secret value it received (form fields, headers), not only the ones it minted. */
  noteSecret(value: string | undefined): void {
    if (value !== undefined && value !== '') this.secrets.add(value);
  }

  constructor(
    readonly now: () => number,
    private accessTokenTtlMs: number,
    private readonly grantCodeTtlMs: number,
  ) {}

  registerClient(registration: SimulatedClientRegistration): void {
    const { clientId, clientSecret, type } = registration;
    if (!clientId || !clientSecret)
      throw new Error('registerClient: clientId and clientSecret are required');
    const redirectUris = [...(registration.redirectUris ?? [])];
    if (type === 'server' && redirectUris.length === 0) {
      throw new Error('registerClient: a server client needs at least one redirect URI');
    }
    // The API Console refuses redirect URIs that are not http(s) (docs/zoho.md §5).
    const bad = redirectUris.find((uri) => !/^https?:\/\//.test(uri));
    if (bad !== undefined)
      throw new Error(`registerClient: redirect URI must start with http:// or https://: ${bad}`);
    const organizations = [...(registration.organizations ?? [])];
    this.clients.set(clientId, {
      clientId,
      clientSecret,
      type,
      redirectUris,
      organizations,
      scopeEnhancement: registration.scopeEnhancement ?? true,
    });
    this.secrets.add(clientSecret);
  }

  client(clientId: string): SimulatedClient | undefined {
    return this.clients.get(clientId);
  }

  createPendingAuthorization(
    request: Omit<PendingAuthorization, 'id' | 'createdAt'>,
  ): PendingAuthorization {
    const now = this.now();
    for (const [id, old] of this.pending) {
      if (now - old.createdAt > PENDING_AUTHORIZATION_TTL_MS) this.pending.delete(id);
    }
    const record: PendingAuthorization = {
      ...request,
      id: randomBytes(24).toString('base64url'),
      createdAt: now,
    };
    this.pending.set(record.id, record);
    return record;
  }

  /** A consent page can be answered once. */
  takePendingAuthorization(id: string): PendingAuthorization | undefined {
    const record = this.pending.get(id);
    if (!record) return undefined;
    this.pending.delete(id);
    return this.now() - record.createdAt > PENDING_AUTHORIZATION_TTL_MS ? undefined : record;
  }

  issueServerCode(request: PendingAuthorization): GrantCode | 'throttled' {
    let window = this.grantWindows.get(request.clientId);
    if (!window) {
      window = newWindow();
      this.grantWindows.set(request.clientId, window);
    }
    if (!takeFromWindow(window, this.now(), GRANT_CODES_PER_WINDOW)) return 'throttled';
    // Zoho returns a refresh token on the first offline consent only, unless prompt=consent forces it.
    const issuesRefreshToken =
      request.accessType === 'offline' &&
      (request.prompt === 'consent' || !this.hasLiveRefreshToken(request.clientId));
    return this.storeCode({
      clientId: request.clientId,
      kind: 'server',
      scopes: request.scopes,
      expiresAt: this.now() + this.grantCodeTtlMs,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      issuesRefreshToken,
    });
  }

  issueSelfClientCode(clientId: string, scopes: string[], ttlMs: number): GrantCode {
    return this.storeCode({
      clientId,
      kind: 'self',
      scopes,
      expiresAt: this.now() + ttlMs,
      redirectUri: undefined,
      codeChallenge: undefined,
      codeChallengeMethod: undefined,
      issuesRefreshToken: true,
    });
  }

  code(code: string): GrantCode | undefined {
    return this.codes.get(code);
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  /** Mints the tokens of a code exchange: an access token, and a refresh token when the code allows it. */
  mintForCode(code: GrantCode): {
    access: AccessTokenRecord;
    refresh: RefreshTokenRecord | undefined;
  } {
    if (!code.issuesRefreshToken)
      return {
        access: this.mintAccessToken(code.clientId, code.scopes, undefined),
        refresh: undefined,
      };
    const refresh = this.mintRefreshToken(code.clientId, code.scopes);
    return { access: this.mintAccessToken(code.clientId, code.scopes, refresh), refresh };
  }

  private readonly enhanceTokens = new Map<string, EnhanceTokenRecord>();

  issueEnhanceToken(refresh: RefreshTokenRecord): EnhanceTokenRecord {
    const record = {
      token: zohoStyleToken(),
      refreshToken: refresh,
      expiresAt: this.now() + ENHANCE_TOKEN_TTL_MS,
    };
    this.enhanceTokens.set(record.token, record);
    this.secrets.add(record.token);
    return record;
  }

  /** A live enhancement token of this client (its refresh token still valid), or undefined. */
  enhanceToken(token: string, clientId: string): EnhanceTokenRecord | undefined {
    const record = this.enhanceTokens.get(token);
    if (!record || record.expiresAt <= this.now() || record.refreshToken.revoked) return undefined;
    return record.refreshToken.clientId === clientId ? record : undefined;
  }

  /** The user accepted more scopes: the same refresh token now carries them. */
  addScopes(refresh: RefreshTokenRecord, scopes: string[]): void {
    const have = new Set(refresh.scopes.map((scope) => scope.toLowerCase()));
    refresh.scopes = [...refresh.scopes, ...scopes.filter((s) => !have.has(s.toLowerCase()))];
  }

  /** Every refresh token issued to a client, revoked or not, oldest first. */
  refreshTokensOf(clientId: string): RefreshTokenRecord[] {
    return [...this.refreshTokens.values()].filter((r) => r.clientId === clientId);
  }

  /** A client-credentials access token: no refresh token behind it (docs/zoho.md §4.8). */
  mintClientCredentialsToken(clientId: string, scopes: string[]): AccessTokenRecord {
    return this.mintAccessToken(clientId, scopes, undefined);
  }

  /** Counts a refresh against the 10-per-10-minutes limit of this refresh token. */
  takeRefreshSlot(refresh: RefreshTokenRecord): boolean {
    return takeFromWindow(refresh.refreshWindow, this.now(), REFRESHES_PER_WINDOW);
  }

  mintAccessTokenFor(refresh: RefreshTokenRecord): AccessTokenRecord {
    return this.mintAccessToken(refresh.clientId, refresh.scopes, refresh);
  }

  /** An access token that is known, not revoked, not evicted and not expired. */
  activeAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    return record && this.isActive(record) ? record : undefined;
  }

  /** Revokes a refresh token (with its access tokens) or a single access token; false if unknown or already dead. */
  revoke(token: string): boolean {
    const refresh = this.refreshTokens.get(token);
    if (refresh) {
      if (refresh.revoked) return false;
      this.revokeRefreshToken(refresh);
      return true;
    }
    const access = this.accessTokens.get(token);
    if (access && this.isActive(access)) {
      access.revoked = true;
      return true;
    }
    return false;
  }

  revokeAll(clientId?: string): void {
    for (const refresh of this.refreshTokens.values()) {
      if (clientId === undefined || refresh.clientId === clientId) this.revokeRefreshToken(refresh);
    }
    for (const access of this.accessTokens.values()) {
      if (clientId === undefined || access.clientId === clientId) access.revoked = true;
    }
  }

  /** Lifetime of access tokens issued from now on. */
  setAccessTokenTtlMs(ms: number): void {
    this.accessTokenTtlMs = ms;
  }

  expireAccessTokens(): void {
    const now = this.now();
    for (const access of this.accessTokens.values())
      access.expiresAt = Math.min(access.expiresAt, now);
  }

  private storeCode(fields: Omit<GrantCode, 'code' | 'used'>): GrantCode {
    const record: GrantCode = { ...fields, code: zohoStyleToken(), used: false };
    this.codes.set(record.code, record);
    this.secrets.add(record.code);
    return record;
  }

  hasLiveRefreshToken(clientId: string): boolean {
    for (const refresh of this.refreshTokens.values()) {
      if (refresh.clientId === clientId && !refresh.revoked) return true;
    }
    return false;
  }

  private mintRefreshToken(clientId: string, scopes: string[]): RefreshTokenRecord {
    const live = [...this.refreshTokens.values()].filter(
      (r) => r.clientId === clientId && !r.revoked,
    );
    // Silent rotation, as Zoho does: the oldest refresh token (and its access tokens) dies.
    for (const oldest of live.slice(0, Math.max(0, live.length - REFRESH_TOKENS_PER_CLIENT + 1))) {
      this.revokeRefreshToken(oldest);
    }
    const now = this.now();
    const record: RefreshTokenRecord = {
      token: zohoStyleToken(),
      clientId,
      scopes,
      createdAt: now,
      revoked: false,
      accessTokens: [],
      refreshWindow: newWindow(),
    };
    this.refreshTokens.set(record.token, record);
    this.secrets.add(record.token);
    return record;
  }

  private mintAccessToken(
    clientId: string,
    scopes: string[],
    refresh: RefreshTokenRecord | undefined,
  ): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: zohoStyleToken(),
      clientId,
      scopes,
      expiresAt: this.now() + this.accessTokenTtlMs,
      revoked: false,
      refreshToken: refresh,
    };
    if (refresh) {
      // Only active tokens count toward the cap; the oldest active one is invalidated.
      refresh.accessTokens = refresh.accessTokens.filter((t) => this.isActive(t));
      while (refresh.accessTokens.length >= ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN) {
        refresh.accessTokens.shift()!.revoked = true;
      }
      refresh.accessTokens.push(record);
    }
    this.accessTokens.set(record.token, record);
    this.secrets.add(record.token);
    return record;
  }

  private revokeRefreshToken(refresh: RefreshTokenRecord): void {
    refresh.revoked = true;
    for (const access of refresh.accessTokens) access.revoked = true;
  }

  private isActive(access: AccessTokenRecord): boolean {
    return (
      !access.revoked && access.expiresAt > this.now() && !(access.refreshToken?.revoked ?? false)
    );
  }
}
