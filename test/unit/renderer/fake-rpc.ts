// An in-memory RpcClient that implements the rpc contract for renderer tests: params and results
// are parsed with the contract's own schemas (so a screen that sends a wrong shape fails here, as
// it would against main), calls are recorded, any method can be overridden or made to fail, and
// events are emitted by hand. The server-based authorization stays pending until the test
// completes it, fails it or the UI cancels it. Like main, it emits 'connections.changed' for every
// change: with the row it added or changed, the id of a row it removed, or empty after the vault
// changed. No timers: tests drive everything.

import {
  methods,
  type ConnectionView,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
  type RpcError,
  type Settings,
  type VaultStatusView,
} from '../../../main/rpc/contract.js';
import type * as z from 'zod/mini';
import {
  DATA_CENTRES,
  DEFAULT_REDIRECT_URI,
  duplicateConnection,
} from '../../../main/vocabulary/index.js';
import { RpcFailure, type RpcClient } from '../../../renderer/src/rpc/rpc-client.js';

/** 2025-03-01T10:00:00Z, as in test/support/fakes.ts. */
export const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);
export const FAKE_ACCESS_TOKEN =
  '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
export const MASKED_TOKEN = '1000••••••••••••3210';

// Looked up by the string a test or the wizard gives (which may be 'custom').
const DCS: Readonly<Record<string, { accountsUrl: string; apiDomain: string }>> = DATA_CENTRES;

export { DEFAULT_REDIRECT_URI as DEFAULT_REDIRECT };

type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
type HistoryEntry = Result<'requests.history'>[number];
type Product = Result<'catalog.products'>[number];

export function makeConnection(
  overrides: Partial<ConnectionView> & { name: string },
): ConnectionView {
  const dc = (overrides.dc ?? 'us') as string;
  const where = DCS[dc] ?? DCS.us!;
  return {
    id: `id-${overrides.name}`,
    dc: 'us',
    clientType: 'self',
    clientId: '1000.CLIENTID',
    scopes: ['ZohoCRM.modules.ALL'],
    grantedScopes: ['ZohoCRM.modules.ALL'],
    accountsUrl: where.accountsUrl,
    apiDomain: where.apiDomain,
    environment: 'production',
    status: 'ready',
    accessTokenExpiresAt: T0 + 3600_000,
    maskedAccessToken: MASKED_TOKEN,
    createdAt: T0 - 86_400_000,
    updatedAt: T0,
    ...overrides,
  };
}

export const CATALOG: Product[] = [
  {
    id: 'accounts',
    name: 'Zoho Accounts',
    servicePrefix: 'AaaServer',
    scopes: [
      {
        scope: 'AaaServer.profile.READ',
        product: 'accounts',
        description: 'Your Zoho profile: name, email address and user ID',
        sensitivity: 'read',
        confirmed: true,
      },
    ],
    presets: [
      { id: 'accounts-profile', label: 'Accounts: who am I', scopes: ['AaaServer.profile.READ'] },
    ],
  },
  {
    id: 'crm',
    name: 'Zoho CRM',
    servicePrefix: 'ZohoCRM',
    scopes: [
      {
        scope: 'ZohoCRM.modules.ALL',
        product: 'crm',
        description: 'Records of every module',
        sensitivity: 'full',
        confirmed: true,
      },
      {
        scope: 'ZohoCRM.modules.READ',
        product: 'crm',
        description: 'Records of every module',
        sensitivity: 'read',
        confirmed: true,
      },
      {
        scope: 'ZohoCRM.org.READ',
        product: 'crm',
        description: 'Organization details',
        sensitivity: 'read',
        confirmed: true,
      },
      {
        scope: 'ZohoCRM.users.ALL',
        product: 'crm',
        description: 'Users of the org',
        sensitivity: 'full',
        confirmed: true,
      },
      {
        scope: 'ZohoCRM.users.READ',
        product: 'crm',
        description: 'Users of the org',
        sensitivity: 'read',
        confirmed: false,
      },
    ],
    presets: [
      {
        id: 'crm-read-all',
        label: 'CRM: read everything',
        scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.org.READ', 'ZohoCRM.users.READ'],
      },
    ],
  },
];

const OPERATIONS = ['ALL', 'READ', 'CREATE', 'UPDATE', 'DELETE', 'WRITE', 'CUSTOM'];

/** A small copy of the core's grammar check (main/core/catalog/scope-grammar.ts). */
export function checkScope(
  input: string,
): { ok: true; scope: string } | { ok: false; reason: string } {
  if (['openid', 'email', 'profile'].includes(input.toLowerCase()))
    return { ok: true, scope: input.toLowerCase() };
  const parts = input.split('.');
  if (parts.length < 3 || parts.some((p) => !p))
    return {
      ok: false,
      reason: 'a scope has the form Service.scope.OPERATION, e.g. ZohoCRM.modules.ALL',
    };
  const op = parts[parts.length - 1]!.toUpperCase();
  if (!OPERATIONS.includes(op))
    return {
      ok: false,
      reason: `"${parts[parts.length - 1]}" is not an operation (use ALL, READ, CREATE, UPDATE or DELETE)`,
    };
  return { ok: true, scope: [...parts.slice(0, -1), op].join('.') };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface FakeRpcOptions {
  shell?: 'electron' | 'browser';
  connections?: ConnectionView[];
  settings?: Partial<Settings>;
  cipher?: Result<'app.info'>['cipher'];
  /** vault.status, on top of one derived from `cipher`. */
  vault?: Partial<Omit<VaultStatusView, 'connections'>>;
  now?: () => number;
}

/** The passphrase the fake vault accepts for vault.unlock (and any vault it "created"). */
export const FAKE_PASSPHRASE = 'correct horse battery staple';

const CIPHER_IDS = ['safestorage', 'keyring', 'passphrase'] as const;

export class FakeRpc implements RpcClient {
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  /** Calls whose params the contract refused: a screen sent a wrong shape. Tests assert it stays empty. */
  readonly protocolErrors: string[] = [];
  connections: ConnectionView[];
  settings: Settings;
  info: Result<'app.info'>;
  history: HistoryEntry[] = [];
  samples: Result<'catalog.samples'> = [
    {
      product: 'crm',
      label: 'Current user',
      method: 'GET',
      path: '/crm/v8/users?type=CurrentUser',
      scope: 'ZohoCRM.users.READ',
    },
    {
      product: 'crm',
      label: 'Organization',
      method: 'GET',
      path: '/crm/v8/org',
      scope: 'ZohoCRM.org.READ',
    },
  ];
  now: () => number;
  /** What Zoho "confirmed" on a Self Client grant: nothing, as the real token answer. */
  selfClientGrantedScopes: string[] | undefined = undefined;
  /** What store.corruptBackups answers: store files kept aside as not valid JSON. */
  corruptBackups: Result<'store.corruptBackups'> = [];
  /** What main put on its clipboard (Electron: connections.export with copy). */
  mainClipboard: string | undefined;
  /** Whether main "opened the system browser" for a server sign-in (false: --no-open, or it failed). */
  browserOpens = true;
  /** What connections.refreshTokenWarning answers, by connection name (none: no warning). */
  refreshTokenWarnings: Record<string, string> = {};
  /** What connections.refreshTokenWarningForClient answers, by `<client ID> <dc or accounts URL>`. */
  refreshTokenWarningsByClient: Record<string, string> = {};
  private readonly overrides = new Map<
    MethodName,
    (params: unknown) => Promise<unknown> | unknown
  >();
  private readonly failures = new Map<MethodName, RpcError>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private serverAuth: { name: string; deferred: Deferred<ConnectionView> } | null = null;
  private nextId = 1;
  /** vault.status without `connections` (computed from `sealedWith`). */
  vault: Omit<VaultStatusView, 'connections'>;
  /** Which ciphers seal each connection's secrets (default: the primary's at first sight). */
  readonly sealedWith = new Map<string, string[]>();
  passphrase = FAKE_PASSPHRASE;

  constructor(options: FakeRpcOptions = {}) {
    this.now = options.now ?? (() => T0);
    this.connections = options.connections ?? [];
    this.settings = {
      clipboardClearSeconds: 30,
      autoRefresh: true,
      theme: 'light',
      keepRequestHistory: true,
      ...options.settings,
    };
    this.info = {
      version: '0.1.0-test',
      shell: options.shell ?? 'electron',
      home: '/home/test/.token-desk',
      cipher: options.cipher ?? {
        id: 'safe-storage',
        description: 'Electron safeStorage (the system keychain)',
        secure: true,
      },
    };
    const cipher = this.info.cipher;
    const desktop = this.info.shell === 'electron';
    const primary = (CIPHER_IDS as readonly string[]).includes(cipher.id)
      ? (cipher.id as VaultStatusView['primary'])
      : desktop
        ? 'safestorage'
        : 'keyring';
    this.vault = {
      program: desktop ? 'desktop' : 'browser',
      primary,
      description: cipher.description,
      secure: cipher.secure,
      ...(cipher.warning ? { warning: cipher.warning } : {}),
      locked: false,
      passphrase: primary === 'passphrase' ? 'unlocked' : 'none',
      passphraseFromEnv: false,
      passphraseMinLength: 10,
      choices: [
        ...(desktop
          ? [
              {
                id: 'safestorage' as const,
                label: 'This app only (Electron safeStorage)',
                description: 'OS encryption (Electron safeStorage, gnome_libsecret)',
                available: true,
              },
            ]
          : []),
        {
          id: 'keyring' as const,
          label: desktop
            ? 'Shared with the command line (OS keyring)'
            : 'OS keyring (shared with the command line)',
          description: 'OS keyring (Secret Service)',
          available: true,
        },
        {
          id: 'passphrase' as const,
          label: 'A passphrase you choose',
          description: 'scrypt + AES-256-GCM; Token Desk asks for it each time it starts',
          available: true,
        },
      ],
      canShareWithCli: desktop,
      ...options.vault,
    };
  }

  vaultStatus(): VaultStatusView {
    return {
      ...this.vault,
      connections: this.connections.map((c) => {
        if (!this.sealedWith.has(c.id)) this.sealedWith.set(c.id, [this.vault.primary]);
        return { id: c.id, ciphers: this.sealedWith.get(c.id)! };
      }),
    };
  }

  /** Replaces a method's behaviour; the handler gets the parsed params. */
  handle<M extends MethodName>(
    method: M,
    handler: (params: ParsedParams<M>) => Promise<Result<M>> | Result<M>,
  ): void {
    this.overrides.set(method, handler as (params: unknown) => Promise<unknown>);
  }

  /** Makes every later call of a method fail with this error (until `handle` or `succeed`). */
  fail(method: MethodName, error: RpcError): void {
    this.failures.set(method, error);
  }

  succeed(method: MethodName): void {
    this.failures.delete(method);
  }

  callsOf<M extends MethodName>(method: M): Array<ParsedParams<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.params as ParsedParams<M>);
  }

  methodsCalled(): MethodName[] {
    return this.calls.map((c) => c.method);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: EventPayload<E>) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const parsed = methods[method].params.safeParse(params);
    if (!parsed.success) {
      const problem = `${method}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
      this.protocolErrors.push(problem);
      throw new RpcFailure({
        code: 'bad_params',
        message: `The request to ${method} was not valid (${problem}).`,
        remedy: 'Check the form and try again.',
      });
    }
    this.calls.push({ method, params: parsed.data });
    // Let the caller's "running" state render before the answer, as over real IPC.
    await Promise.resolve();
    const failure = this.failures.get(method);
    if (failure) throw new RpcFailure(failure);
    const handler = this.overrides.get(method) ?? ((p: unknown) => this.defaultHandler(method, p));
    const result = await handler(parsed.data);
    return methods[method].result.parse(result) as Result<M>;
  }

  /** Zoho sent the browser back: main is exchanging the code (the authorization stays pending). */
  serverCallbackArrived(): void {
    const pending = this.serverAuth;
    if (!pending) throw new Error('no server authorization is pending');
    this.emit('authorization.progress', { name: pending.name, step: 'exchanging' });
  }

  /** Finishes a pending server authorization as Zoho would. */
  completeServerAuthorization(patch: Partial<ConnectionView> = {}): void {
    const pending = this.serverAuth;
    if (!pending) throw new Error('no server authorization is pending');
    this.serverAuth = null;
    this.emit('authorization.progress', { name: pending.name, step: 'exchanging' });
    const updated = this.authorize(pending.name, patch);
    this.emit('authorization.progress', { name: pending.name, step: 'done' });
    pending.deferred.resolve(updated);
  }

  failServerAuthorization(error: RpcError): void {
    const pending = this.serverAuth;
    if (!pending) throw new Error('no server authorization is pending');
    this.serverAuth = null;
    this.emit('authorization.progress', { name: pending.name, step: 'failed' });
    pending.deferred.reject(new RpcFailure(error));
  }

  get serverAuthorizationPending(): boolean {
    return this.serverAuth !== null;
  }

  private find(name: string): ConnectionView {
    const found = this.connections.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!found)
      throw new RpcFailure({
        code: 'unknown_connection',
        message: `There is no connection named "${name}".`,
        remedy: 'Check the name in the list.',
      });
    return found;
  }

  private update(name: string, patch: Partial<ConnectionView>): ConnectionView {
    const current = this.find(name);
    const updated = { ...current, ...patch, updatedAt: this.now() };
    this.connections = this.connections.map((c) => (c.id === current.id ? updated : c));
    this.emit('connections.changed', { connection: updated });
    return updated;
  }

  private authorize(name: string, patch: Partial<ConnectionView> = {}): ConnectionView {
    const current = this.find(name);
    return this.update(name, {
      status: 'ready',
      accessTokenExpiresAt: this.now() + 3600_000,
      maskedAccessToken: MASKED_TOKEN,
      grantedScopes: current.scopes,
      user: { email: 'ada@acme.example', name: 'Ada Admin', zuid: '700001' },
      location: current.dc === 'custom' ? undefined : current.dc,
      lastError: undefined,
      ...patch,
    });
  }

  private defaultHandler(method: MethodName, raw: unknown): unknown {
    const p = raw as { name: string };
    switch (method) {
      case 'app.info':
        return this.info;
      case 'settings.get':
        return this.settings;
      case 'settings.set':
        this.settings = { ...this.settings, ...(raw as Partial<Settings>) };
        return this.settings;
      case 'connections.list':
        return this.connections;
      case 'connections.add': {
        const input = raw as ParsedParams<'connections.add'>;
        // As core's replace: the wizard's earlier connection goes only when the new one can be added.
        const replaced = input.replaces === undefined ? undefined : this.find(input.replaces);
        if (
          this.connections.some(
            (c) => c.id !== replaced?.id && c.name.toLowerCase() === input.name.toLowerCase(),
          )
        ) {
          const { code, message, remedy, details } = duplicateConnection(input.name);
          throw new RpcFailure({ code, message, remedy, details });
        }
        const where = DCS[input.dc ?? 'us']!;
        const connection: ConnectionView = {
          id: `new-${this.nextId++}`,
          name: input.name,
          dc: input.dc ?? 'custom',
          clientType: input.clientType,
          clientId: input.clientId,
          scopes: input.scopes,
          redirectUri:
            input.clientType === 'server' ? (input.redirectUri ?? DEFAULT_REDIRECT_URI) : undefined,
          accountsUrl: input.accountsUrl ?? where.accountsUrl,
          apiDomain: input.apiDomain ?? where.apiDomain,
          custom:
            input.accountsUrl && input.apiDomain
              ? { accountsUrl: input.accountsUrl, apiDomain: input.apiDomain }
              : undefined,
          org: input.org,
          environment: input.environment ?? 'production',
          ...(input.clientCredentials ? { clientCredentials: input.clientCredentials } : {}),
          status: 'new',
          createdAt: this.now(),
          updatedAt: this.now(),
        };
        if (replaced) {
          this.connections = this.connections.filter((x) => x.id !== replaced.id);
          this.emit('connections.changed', { removed: replaced.id });
        }
        this.connections = [...this.connections, connection];
        this.emit('connections.changed', { connection });
        return connection;
      }
      case 'connections.importSelfClient':
        throw new RpcFailure({
          code: 'not_in_fake',
          message: 'importSelfClient is not used by the UI.',
          remedy: 'Use add + authorizeSelfClient.',
        });
      case 'connections.authorizeSelfClient': {
        const { name, code, scopes } = raw as { name: string; code: string; scopes?: string[] };
        if (code.includes('expired')) {
          throw new RpcFailure({
            code: 'invalid_code',
            message: 'Zoho refused the grant code: it has expired or was already used.',
            remedy:
              'Generate a new code in the API Console (Self Client > Generate Code) and paste it within its Time Duration.',
          });
        }
        // As main does: the scopes the code was generated with become the connection's; Zoho's
        // token answer lists none, so nothing is known as granted.
        return this.authorize(name, {
          ...(scopes ? { scopes } : {}),
          grantedScopes: this.selfClientGrantedScopes,
        });
      }
      case 'connections.authorizeClientCredentials': {
        // As main does: one token from the client secret alone; the scopes are the connection's.
        const { name } = raw as { name: string };
        return this.authorize(name, {});
      }
      case 'connections.authorizeServer': {
        const { name, timeoutSeconds, addScopes } = raw as {
          name: string;
          timeoutSeconds?: number;
          addScopes?: string[];
        };
        const current = this.find(name);
        if (addScopes?.length) this.update(name, { scopes: [...current.scopes, ...addScopes] });
        this.serverAuth?.deferred.reject(
          new RpcFailure({
            code: 'authorization_cancelled',
            message: 'The authorization was cancelled.',
            remedy: 'Start it again.',
          }),
        );
        const pending = { name: current.name, deferred: deferred<ConnectionView>() };
        this.serverAuth = pending;
        const deadline = this.now() + (timeoutSeconds ?? 300) * 1000;
        this.emit('authorization.progress', { name: current.name, step: 'listening', deadline });
        this.emit('authorization.progress', {
          name: current.name,
          step: 'sign-in',
          url: `${current.accountsUrl}/oauth/v2/auth?client_id=${current.clientId}&state=xyz`,
          browserOpened: this.browserOpens,
          deadline,
        });
        return pending.deferred.promise;
      }
      case 'connections.cancelAuthorization': {
        const pending = this.serverAuth;
        if (!pending) return { cancelled: false };
        this.serverAuth = null;
        this.emit('authorization.progress', { name: pending.name, step: 'cancelled' });
        pending.deferred.reject(
          new RpcFailure({
            code: 'authorization_cancelled',
            message: 'The authorization was cancelled before the Zoho sign-in finished.',
            remedy: 'Start it again when you are ready.',
          }),
        );
        return { cancelled: true };
      }
      case 'connections.refreshTokenWarning': {
        const { name } = raw as { name: string };
        const warning = this.refreshTokenWarnings[this.find(name).name];
        return warning === undefined ? {} : { warning };
      }
      case 'connections.refreshTokenWarningForClient': {
        const { clientId, dc, accountsUrl } = raw as {
          clientId: string;
          dc?: string;
          accountsUrl?: string;
        };
        const warning = this.refreshTokenWarningsByClient[`${clientId} ${accountsUrl ?? dc}`];
        return warning === undefined ? {} : { warning };
      }
      case 'connections.setDcSecret': {
        const { name, dc } = raw as { name: string; dc: string; clientSecret: string };
        const current = this.find(name);
        if (current.clientType !== 'server')
          throw new RpcFailure({
            code: 'wrong_client_type',
            message: `"${current.name}" is a Self Client: it lives in one data centre and has one secret.`,
            remedy: 'Only a server-based client can be Multi-DC with a secret per data centre.',
          });
        return this.update(name, {
          dcSecrets: [
            ...new Set([...(current.dcSecrets ?? []), dc]),
          ].sort() as ConnectionView['dcSecrets'],
        });
      }
      case 'connections.revoke':
        return this.update(p.name, {
          status: 'new',
          accessTokenExpiresAt: undefined,
          maskedAccessToken: undefined,
        });
      case 'connections.remove': {
        const c = this.find(p.name);
        this.connections = this.connections.filter((x) => x.id !== c.id);
        this.emit('connections.changed', { removed: c.id });
        return { removed: c.name };
      }
      case 'connections.export': {
        const { name, format, includeSecrets, copy } = raw as ParsedParams<'connections.export'>;
        if (copy && this.info.shell === 'browser') {
          throw new RpcFailure({
            code: 'no_clipboard',
            message: 'This window copies exports itself.',
            remedy: 'Use the Copy button under the exported text.',
          });
        }
        const c = this.find(name);
        const secrets = includeSecrets ? `\nZOHO_REFRESH_TOKEN=1000.refresh` : '';
        const text = `ZOHO_CLIENT_ID=${c.clientId}\nZOHO_API_DOMAIN=${c.apiDomain}${secrets}\n`;
        const fileName = `${c.name}.${format === 'env' ? 'env' : 'json'}`;
        if (!copy) return { text, fileName };
        // As main does: on its clipboard, cleared after the delay when it holds secrets.
        this.mainClipboard = text;
        return {
          text,
          fileName,
          copied: { clearAfterSeconds: includeSecrets ? this.settings.clipboardClearSeconds : 0 },
        };
      }
      case 'tokens.refresh':
        return this.update(p.name, { accessTokenExpiresAt: this.now() + 3600_000 });
      case 'tokens.copy':
        return { expiresAt: this.find(p.name).accessTokenExpiresAt ?? this.now() + 3600_000 };
      case 'tokens.reveal':
        return {
          accessToken: FAKE_ACCESS_TOKEN,
          expiresAt: this.find(p.name).accessTokenExpiresAt ?? this.now() + 3600_000,
        };
      case 'requests.send': {
        const { name, request } = raw as ParsedParams<'requests.send'>;
        const c = this.find(name);
        const body = JSON.stringify({
          users: [{ full_name: 'Ada Admin', email: 'ada@acme.example' }],
        });
        // As main does: nothing is kept while the history is off.
        if (this.settings.keepRequestHistory) {
          this.history = [
            {
              id: `h-${this.nextId++}`,
              connection: c.name,
              at: this.now(),
              request,
              status: 200,
              durationMs: 142,
            },
            ...this.history,
          ];
        }
        return {
          url: `${c.apiDomain}${request.pathOrUrl}`,
          status: 200,
          statusText: 'OK',
          headers: [['content-type', 'application/json;charset=UTF-8']],
          body,
          sizeBytes: body.length,
          durationMs: 142,
          retriedAfterRefresh: false,
        };
      }
      case 'requests.history':
        return this.history.filter((h) => !p.name || h.connection === p.name);
      case 'requests.clearHistory': {
        const removed = this.history.length;
        this.history = [];
        return { removed };
      }
      case 'requests.curl': {
        const { request, includeToken } = raw as ParsedParams<'requests.curl'>;
        return {
          text: `curl -X ${request.method} 'https://www.zohoapis.com${request.pathOrUrl}' -H 'Authorization: Zoho-oauthtoken ${includeToken ? FAKE_ACCESS_TOKEN : '$ZOHO_ACCESS_TOKEN'}'`,
        };
      }
      case 'catalog.products':
        return CATALOG;
      case 'catalog.checkScopes': {
        const { scopes } = raw as { scopes: string[] };
        const ok: string[] = [];
        const errors: Array<{ input: string; reason: string }> = [];
        for (const input of scopes) {
          const r = checkScope(input);
          if (r.ok) {
            if (!ok.some((s) => s.toLowerCase() === r.scope.toLowerCase())) ok.push(r.scope);
          } else errors.push({ input, reason: r.reason });
        }
        return { scopes: ok, errors, warnings: [] };
      }
      case 'catalog.samples':
        return this.samples;
      case 'store.corruptBackups':
        return this.corruptBackups;
      case 'vault.status':
        return this.vaultStatus();
      case 'vault.createPassphrase': {
        const { passphrase } = raw as { passphrase: string };
        if (passphrase.length < this.vault.passphraseMinLength) {
          throw new RpcFailure({
            code: 'passphrase_too_short',
            message: `The passphrase is shorter than ${this.vault.passphraseMinLength} characters.`,
            remedy: 'Choose a longer passphrase.',
          });
        }
        this.passphrase = passphrase;
        this.vault = {
          ...this.vault,
          primary: 'passphrase',
          description: 'Your passphrase (scrypt + AES-256-GCM)',
          secure: true,
          warning: undefined,
          locked: false,
          passphrase: 'unlocked',
        };
        this.emit('connections.changed', {});
        return this.vaultStatus();
      }
      case 'vault.unlock': {
        const { passphrase } = raw as { passphrase: string };
        if (passphrase !== this.passphrase) {
          throw new RpcFailure({
            code: 'wrong_passphrase',
            message: 'That is not the passphrase your Token Desk secrets are protected with.',
            remedy: 'Check for typing mistakes and Caps Lock, then try again.',
          });
        }
        this.vault = { ...this.vault, locked: false, passphrase: 'unlocked' };
        this.emit('connections.changed', {});
        return this.vaultStatus();
      }
      case 'vault.choose': {
        const { cipher } = raw as { cipher: VaultStatusView['primary'] };
        const choice = this.vault.choices.find((c) => c.id === cipher);
        if (!choice?.available) {
          throw new RpcFailure({
            code: 'cipher_unavailable',
            message: choice?.reason ?? 'Not offered here.',
            remedy: 'Choose another option.',
          });
        }
        this.vault = {
          ...this.vault,
          primary: cipher,
          description: choice.description,
          secure: true,
          warning: undefined,
        };
        return this.vaultStatus();
      }
      case 'vault.shareWithCli': {
        const { name } = raw as { name?: string };
        const ids = name ? [this.find(name).id] : this.connections.map((c) => c.id);
        let shared = 0;
        for (const id of ids) {
          const ciphers = this.vaultStatus().connections.find((c) => c.id === id)!.ciphers;
          if (ciphers.every((c) => c === 'keyring')) continue;
          this.sealedWith.set(id, ['keyring']);
          shared += 1;
        }
        if (shared > 0) this.emit('connections.changed', {});
        return { shared, status: this.vaultStatus() };
      }
    }
  }
}
