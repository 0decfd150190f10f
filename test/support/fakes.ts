// In-memory test doubles for core ports: connection store, secret vault, a lock that really
// serializes per key, a controllable clock, and a scripted Zoho OAuth client that counts refresh
// calls and can be held open with a deferred promise. No timers anywhere: tests drive time.

import { TokenDeskError, inputError } from '../../main/core/errors.js';
import type { Clock, LockPort } from '../../main/core/ports.js';
import type { ConnectionStore } from '../../main/core/store/connection-store-types.js';
import {
  VAULT_SERVICE,
  duplicateConnectionError,
  secretAccount,
  type Connection,
  type SecretKind,
} from '../../main/core/store/connection.js';
import type { Credential, SecretVault } from '../../main/core/vault/secret-vault.js';
import type {
  ClientCredentialsRequest,
  RefreshRequest,
  ZohoOAuthClient,
} from '../../main/core/zoho/oauth-client.js';
import type { TokenSet, ZohoUserInfo } from '../../main/core/zoho/token-set.js';

/** 2025-03-01T10:00:00Z: a fixed, readable starting point for time-based tests. */
export const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function createDeferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-queued promise continuation run (a few macrotask turns, no timers). */
export async function flushPromises(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  constructor(private current = T0) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A valid connection record; override what the test cares about. */
export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'conn-1',
    name: 'acme-crm',
    dc: 'eu',
    clientType: 'server',
    clientId: '1000.CLIENTID',
    scopes: ['ZohoCRM.modules.ALL'],
    redirectUri: 'http://localhost:53682/callback',
    accountsUrl: 'https://accounts.zoho.eu',
    apiDomain: 'https://www.zohoapis.eu',
    environment: 'production',
    status: 'ready',
    refreshLog: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/**
 * The ConnectionStore contract in memory. Records are copied in and out, so a caller that mutates
 * what it got back changes nothing, as with the real file-backed store.
 */
export class InMemoryConnectionStore implements ConnectionStore {
  private readonly records = new Map<string, Connection>();
  updateCount = 0;

  constructor(connections: Connection[] = []) {
    for (const connection of connections)
      this.records.set(connection.id, structuredClone(connection));
  }

  list(): Connection[] {
    return [...this.records.values()].map((c) => structuredClone(c));
  }

  find(nameOrId: string): Connection | undefined {
    const lower = nameOrId.toLowerCase();
    const found =
      this.records.get(nameOrId) ??
      [...this.records.values()].find((c) => c.name.toLowerCase() === lower);
    return found ? structuredClone(found) : undefined;
  }

  require(nameOrId: string): Connection {
    const found = this.find(nameOrId);
    if (!found) {
      const known = [...this.records.values()].map((c) => c.name).join(', ') || 'none';
      throw inputError(
        'unknown_connection',
        `There is no connection named "${nameOrId}".`,
        `Known connections: ${known}.`,
      );
    }
    return found;
  }

  async add(connection: Connection): Promise<Connection> {
    const existing = this.find(connection.name);
    if (existing) throw duplicateConnectionError(existing.name);
    this.records.set(connection.id, structuredClone(connection));
    return structuredClone(connection);
  }

  async update(id: string, change: (current: Connection) => Connection): Promise<Connection> {
    const current = this.records.get(id);
    if (!current)
      throw inputError(
        'unknown_connection',
        `There is no connection with id "${id}".`,
        'List connections.',
      );
    const next = change(structuredClone(current));
    this.records.set(id, structuredClone(next));
    this.updateCount += 1;
    return structuredClone(next);
  }

  async remove(id: string): Promise<boolean> {
    return this.records.delete(id);
  }

  /** The stored record itself, for assertions (throws if absent). */
  get(id: string): Connection {
    const found = this.records.get(id);
    if (!found) throw new Error(`no connection ${id} in the fake store`);
    return structuredClone(found);
  }
}

export class InMemoryVault implements SecretVault {
  private readonly entries = new Map<string, string>();

  private static key(service: string, account: string): string {
    return `${service}\u0000${account}`;
  }

  async getPassword(service: string, account: string): Promise<string | null> {
    return this.entries.get(InMemoryVault.key(service, account)) ?? null;
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.entries.set(InMemoryVault.key(service, account), password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    return this.entries.delete(InMemoryVault.key(service, account));
  }

  async findCredentials(service: string): Promise<Credential[]> {
    const prefix = `${service}\u0000`;
    return [...this.entries]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, password]) => ({ account: key.slice(prefix.length), password }));
  }

  /** Shorthand for a connection's secret under the Token Desk service. */
  secret(connectionId: string, kind: SecretKind): string | null {
    return (
      this.entries.get(InMemoryVault.key(VAULT_SERVICE, secretAccount(connectionId, kind))) ?? null
    );
  }

  setSecret(connectionId: string, kind: SecretKind, value: string): void {
    this.entries.set(InMemoryVault.key(VAULT_SERVICE, secretAccount(connectionId, kind)), value);
  }
}

/**
 * A LockPort that really serializes per key: each holder waits for the previous one to finish
 * (success or failure). Share one instance between two token managers to simulate two processes.
 */
export class InMemoryLock implements LockPort {
  private readonly tails = new Map<string, Promise<void>>();
  /** Every withLock call, in call order, by key. */
  readonly acquisitions: string[] = [];
  /** Highest number of holders of one key at the same time; stays 1 if the lock works. */
  maxConcurrentHolders = 0;
  private readonly holders = new Map<string, number>();

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    this.acquisitions.push(key);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done = createDeferred();
    const tail = previous.then(() => done.promise);
    this.tails.set(key, tail);
    await previous;
    const holding = (this.holders.get(key) ?? 0) + 1;
    this.holders.set(key, holding);
    this.maxConcurrentHolders = Math.max(this.maxConcurrentHolders, holding);
    try {
      return await fn();
    } finally {
      this.holders.set(key, (this.holders.get(key) ?? 1) - 1);
      done.resolve();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  count(key: string): number {
    return this.acquisitions.filter((k) => k === key).length;
  }
}

/** One scripted answer to a refresh call: tokens, or an error to throw. */
export type RefreshOutcome = { tokens: Partial<TokenSet> } | { error: unknown };

/**
 * A ZohoOAuthClient whose refresh answers come from a script (default: a new token valid for one
 * hour on the given clock). Records every refresh request; `hold()` makes the next refreshes wait
 * until the returned deferred is resolved, so tests can line up concurrent callers.
 */
export class ScriptedOAuthClient implements ZohoOAuthClient {
  readonly refreshCalls: RefreshRequest[] = [];
  private readonly script: RefreshOutcome[] = [];
  private gate: Promise<void> | undefined;
  private minted = 0;
  private readonly callWaiters: Array<{ count: number; deferred: Deferred<void> }> = [];

  constructor(private readonly clock: Clock) {}

  /** Queue answers for the next refresh calls, in order. */
  willAnswer(...outcomes: RefreshOutcome[]): this {
    this.script.push(...outcomes);
    return this;
  }

  /** Queue a TokenDeskError shaped like the real client's. */
  willFail(
    code: string,
    category: TokenDeskError['category'],
    details: Record<string, unknown> = {},
  ): this {
    return this.willAnswer({
      error: new TokenDeskError(code, `Zoho answered ${code}.`, {
        category,
        remedy: 'Test remedy.',
        details,
      }),
    });
  }

  /** Refresh calls wait until the returned deferred is resolved. */
  hold(): Deferred<void> {
    const deferred = createDeferred();
    this.gate = deferred.promise;
    return deferred;
  }

  get refreshCount(): number {
    return this.refreshCalls.length;
  }

  /** Resolves once `count` refresh calls have been made in total (at once if already so). */
  whenRefreshCalled(count = this.refreshCalls.length + 1): Promise<void> {
    const deferred = createDeferred();
    this.callWaiters.push({ count, deferred });
    this.wakeWaiters();
    return deferred.promise;
  }

  private wakeWaiters(): void {
    for (const waiter of [...this.callWaiters]) {
      if (this.refreshCalls.length >= waiter.count) {
        this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
        waiter.deferred.resolve();
      }
    }
  }

  /** Client-credentials calls share the refresh script and count (both mint an access token). */
  readonly clientCredentialsCalls: ClientCredentialsRequest[] = [];
  async clientCredentials(request: ClientCredentialsRequest): Promise<TokenSet> {
    this.clientCredentialsCalls.push(request);
    const { refreshToken: _none, ...tokens } = await this.refresh({
      accountsUrl: request.accountsUrl,
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      refreshToken: '',
    });
    return tokens;
  }

  async refresh(request: RefreshRequest): Promise<TokenSet> {
    this.refreshCalls.push(request);
    this.wakeWaiters();
    if (this.gate) await this.gate;
    const outcome = this.script.shift() ?? { tokens: {} };
    if ('error' in outcome) throw outcome.error;
    this.minted += 1;
    return {
      accessToken: `1000.access.${this.minted}`,
      expiresAt: this.clock.now() + 3_600_000,
      tokenType: 'Bearer',
      ...outcome.tokens,
    };
  }

  buildAuthorizationUrl(): string {
    throw new Error('ScriptedOAuthClient: buildAuthorizationUrl is not scripted');
  }
  async exchangeCode(): Promise<TokenSet> {
    throw new Error('ScriptedOAuthClient: exchangeCode is not scripted');
  }
  async scopeEnhancementToken(): Promise<TokenSet> {
    throw new Error('ScriptedOAuthClient: scopeEnhancementToken is not scripted');
  }
  buildAddExtraScopeUrl(): string {
    throw new Error('ScriptedOAuthClient: buildAddExtraScopeUrl is not scripted');
  }
  async revoke(): Promise<void> {
    throw new Error('ScriptedOAuthClient: revoke is not scripted');
  }
  async userInfo(): Promise<ZohoUserInfo> {
    throw new Error('ScriptedOAuthClient: userInfo is not scripted');
  }
}
