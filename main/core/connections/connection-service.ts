// The connection use cases shared by every shell (CLI, desktop, browser mode): add, authorize
// (Self Client code, self_client.json, server-based loopback flow, device flow), revoke, remove,
// export.
// It composes the store, the vault, the OAuth client and the token manager; it never formats
// output, and nothing stored is lost when an operation fails.

import { TokenDeskError, inputError } from '../errors.js';
import {
  realSleep,
  type BrowserOpener,
  type Clock,
  type LoopbackListenerPort,
  type Sleep,
} from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import {
  SECRET_KINDS,
  VAULT_SERVICE,
  duplicateConnectionError,
  secretAccount,
  type Connection,
  type SecretKind,
} from '../store/connection.js';
import type { SecretVault } from '../vault/secret-vault.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';
import type { TokenManager } from '../tokens/token-manager.js';
import {
  runServerAuthorization,
  type ServerAuthorizationProgress,
} from '../auth/server-authorization.js';
import { AuthorizationCoordinator } from '../auth/pending-authorization.js';
import {
  runDeviceAuthorization,
  type DeviceAuthorizationProgress,
} from '../auth/device-authorization.js';
import type { ZohoDeviceClient } from '../zoho/device-client.js';
import { DATA_CENTRES } from '../zoho/data-centres.js';
import { ScopeEnhancementRefused, runScopeEnhancement } from '../auth/scope-enhancement.js';
import { assertSelfClientCodeFresh, parseSelfClientFile } from '../auth/self-client-file.js';
import { buildConnection, type NewConnectionInput } from './new-connection.js';
import { exportConnection, exportFileName, type ExportFormat } from './export-connection.js';
import type { RequestHistory } from '../requests/request-history.js';
import type { RefreshTokenLedger } from '../tokens/refresh-token-ledger.js';
import { ALL_SECRET_KINDS, connectionSecrets } from '../vault/connection-secrets.js';
import { assertCanHoldDcSecret, clientSecretFor, dcSecretKind } from './dc-secrets.js';
import { normalizeScopes } from '../catalog/index.js';

export interface ConnectionServiceDeps {
  store: ConnectionStore;
  vault: SecretVault;
  oauth: ZohoOAuthClient;
  tokens: TokenManager;
  clock: Clock;
  opener?: BrowserOpener;
  /** Where a browser sign-in's receiver listens (node:http in main/platform/node). */
  loopback: LoopbackListenerPort;
  /** The request history: a removed connection's requests go with it. */
  history?: Pick<RequestHistory, 'forget'>;
  /** The device flow's calls (Non-browser applications); without it they cannot be authorized. */
  device?: ZohoDeviceClient;
  /** The device flow's waits between polls; tests pass one that only moves their clock. */
  sleep?: Sleep;
  /** The refresh tokens this desk had minted, for the 20-per-user-and-client warning. */
  ledger?: RefreshTokenLedger;
}

export interface DeviceAuthorizationOptions {
  /** Also open the verification page on this computer (the admin may be sitting here). */
  openBrowser: boolean;
  /** Scopes to ask for on top of the connection's own. */
  addScopes?: string[];
  /** Stop waiting after this long; default: when Zoho's code expires. */
  timeoutMs?: number;
  /** The code to show, the admin's message, and what happens while waiting. */
  onProgress?: (progress: DeviceAuthorizationProgress) => void;
  signal?: AbortSignal;
}

export interface ServerAuthorizationOptions {
  openBrowser: boolean;
  /** Scopes to ask for on top of the connection's own (e.g. the one an API said was missing). */
  addScopes?: string[];
  timeoutMs?: number;
  onAuthorizationUrl?: (url: string) => void;
  /** The sign-in's steps (listening, sign-in page ready or opened, exchanging the code). */
  onProgress?: (progress: ServerAuthorizationProgress) => void;
  signal?: AbortSignal;
}

export interface SelfClientAuthorizationOptions {
  /**
   * The scopes the user generated the code with (the UI showed them to paste into Generate
   * Code). Zoho's token answer names none, so after a successful exchange they become the
   * connection's scopes; left out, the connection's scopes stay as they are.
   */
  scopes?: string[];
}

const PROFILE_SCOPE = 'aaaserver.profile.read';

/** A connection's scopes plus those a user adds (checked first), normalized and deduplicated. */
function withAddedScopes(current: readonly string[], added: readonly string[] = []): string[] {
  return normalizeScopes([...current, ...checkedScopes(added)]).scopes;
}

/** Scopes from a user, normalized; the first one Zoho's grammar refuses becomes the error. */
function checkedScopes(input: readonly string[]): string[] {
  const normalized = normalizeScopes([...input]);
  if (normalized.errors.length > 0) {
    const first = normalized.errors[0]!;
    throw inputError(
      'bad_scope',
      `The scope "${first.input}" is not valid: ${first.reason}.`,
      'Scopes look like ZohoCRM.modules.ALL or ZohoBooks.invoices.READ.',
    );
  }
  return normalized.scopes;
}

function sameScopeList(a: readonly string[], b: readonly string[]): boolean {
  const key = (list: readonly string[]) =>
    list
      .map((s) => s.toLowerCase())
      .sort()
      .join(',');
  return key(a) === key(b);
}

/** Where the client is registered: a device code must be asked for there (docs/zoho.md §4.7). */
function registeredAccountsUrl(connection: Connection): string {
  if (connection.custom) return connection.custom.accountsUrl;
  return connection.dc === 'custom'
    ? connection.accountsUrl
    : DATA_CENTRES[connection.dc].accountsUrl;
}

function notForDevice(connection: Connection): TokenDeskError {
  return inputError(
    'wrong_client_type',
    `"${connection.name}" is a Non-browser application: it needs no grant code and no browser sign-in; the client's admin enters a code that Token Desk shows.`,
    'Authorize it without a code, then send the code and the message it shows to the admin.',
    undefined,
    `token-desk authorize ${connection.name}`,
  );
}

export type ConnectionService = ReturnType<typeof createConnectionService>;

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { store, vault, oauth, tokens, clock } = deps;
  // One sign-in at a time for this service: a new one cancels the one still waiting.
  const coordinator = new AuthorizationCoordinator({
    loopback: deps.loopback,
    now: () => clock.now(),
  });

  const getSecret = (id: string, kind: SecretKind) =>
    vault.getPassword(VAULT_SERVICE, secretAccount(id, kind));

  async function requireClientSecret(connection: Connection): Promise<string> {
    const secret = await getSecret(connection.id, 'client_secret');
    if (!secret) {
      throw new TokenDeskError(
        'missing_client_secret',
        `The client secret of "${connection.name}" is not in the vault.`,
        {
          category: 'local',
          remedy: 'Remove the connection and add it again with its client secret.',
          cliHint: `token-desk remove ${connection.name}, then token-desk add ${connection.name} …`,
        },
      );
    }
    return secret;
  }

  /**
   * Labels the connection with the Zoho user when a profile scope was granted, or when the scopes
   * are unknown (a Self Client code names none until Zoho says). Best effort.
   */
  async function labelWithUser(connection: Connection, accessToken: string): Promise<Connection> {
    const known = connection.grantedScopes ?? connection.scopes;
    if (known.length > 0 && !known.some((s) => s.toLowerCase() === PROFILE_SCOPE))
      return connection;
    try {
      const user = await oauth.userInfo({ accountsUrl: connection.accountsUrl, accessToken });
      return await store.update(connection.id, (current) => ({ ...current, user }));
    } catch {
      // The label is cosmetic: a failed user-info call must not fail an authorization that worked.
      return connection;
    }
  }

  async function finishGrant(
    connection: Connection,
    granted: TokenSet,
    extra: Parameters<TokenManager['saveGrant']>[2],
  ): Promise<Connection> {
    const saved = await tokens.saveGrant(connection.id, granted, extra);
    const labelled = await labelWithUser(saved, granted.accessToken);
    if (granted.refreshToken) await deps.ledger?.recordMint(labelled, clock.now());
    return labelled;
  }

  return {
    list(): Connection[] {
      return store.list();
    },

    get(nameOrId: string): Connection {
      return store.require(nameOrId);
    },

    /**
     * What to tell the user before a sign-in (or a Self Client code) of this connection mints a
     * refresh token that would make Zoho delete the oldest one of its user and client; undefined
     * when it would not (or when no token is minted: client credentials).
     */
    refreshTokenLimitWarning(nameOrId: string): string | undefined {
      const connection = store.require(nameOrId);
      if (connection.clientCredentials) return undefined;
      return deps.ledger?.warningBeforeSignIn(connection, store.list());
    },

    async add(input: NewConnectionInput, clientSecret: string): Promise<Connection> {
      const connection = buildConnection(input, clock.now());
      if (!clientSecret.trim()) {
        throw inputError(
          'missing_client_secret',
          'The client secret is empty.',
          'Copy the Client Secret from your client in the Zoho API Console and give it on standard input or at the prompt.',
        );
      }
      const existing = store.find(connection.name);
      if (existing) throw duplicateConnectionError(existing.name);
      // Secret first: a connection record without its secret would be unusable.
      await vault.setPassword(
        VAULT_SERVICE,
        secretAccount(connection.id, 'client_secret'),
        clientSecret.trim(),
      );
      try {
        return await store.add(connection);
      } catch (error) {
        await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, 'client_secret'));
        throw error;
      }
    },

    async authorizeSelfClient(
      nameOrId: string,
      code: string,
      options: SelfClientAuthorizationOptions = {},
    ): Promise<Connection> {
      const connection = store.require(nameOrId);
      if (connection.clientType === 'device') throw notForDevice(connection);
      if (connection.clientCredentials) {
        throw inputError(
          'unexpected_code',
          `"${connection.name}" uses client credentials: it needs no grant code.`,
          'Authorize it without a code: Token Desk asks Zoho for a token with the client secret alone.',
          undefined,
          `token-desk authorize ${connection.name}`,
        );
      }
      if (connection.clientType !== 'self') {
        throw inputError(
          'wrong_client_type',
          `"${connection.name}" is a server-based client; it has no grant code to paste.`,
          'Authorize it by signing in through the browser; it needs no code.',
          undefined,
          `token-desk authorize ${connection.name}`,
        );
      }
      if (!code.trim()) {
        throw inputError(
          'missing_code',
          'The grant code is empty.',
          'Generate a code in the API Console (Self Client > Generate Code) and authorize with it.',
          undefined,
          `token-desk authorize ${connection.name} --code <grant code>`,
        );
      }
      // Checked before Zoho is called: a code is single-use, so a bad scope list must not burn it.
      const generatedWith =
        options.scopes === undefined ? undefined : checkedScopes(options.scopes);
      const granted = await oauth.exchangeCode({
        accountsUrl: connection.accountsUrl,
        clientId: connection.clientId,
        clientSecret: await requireClientSecret(connection),
        code: code.trim(),
      });
      // Only after the exchange worked: a refused code leaves the connection as it was.
      const withScopes =
        generatedWith === undefined || sameScopeList(generatedWith, connection.scopes)
          ? connection
          : await store.update(connection.id, (current) => ({ ...current, scopes: generatedWith }));
      return finishGrant(withScopes, granted, {});
    },

    /**
     * A client-credentials Self Client: mints an access token now (no code, no refresh token),
     * which proves the client ID, secret, scopes and organization. Same lock and single flight as
     * a refresh.
     */
    async authorizeClientCredentials(
      nameOrId: string,
      options: { beforeZohoCall?: (accountsHost: string) => void } = {},
    ): Promise<Connection> {
      const connection = store.require(nameOrId);
      if (!connection.clientCredentials) {
        throw inputError(
          'wrong_client_type',
          `"${connection.name}" does not use client credentials.`,
          connection.clientType === 'self'
            ? 'Authorize it with a grant code from the API Console (Self Client > Generate Code).'
            : 'Authorize it by signing in through the browser.',
          undefined,
          connection.clientType === 'self'
            ? `token-desk authorize ${connection.name} --code <grant code>`
            : `token-desk authorize ${connection.name}`,
        );
      }
      const result = await tokens.refresh(connection.id, options);
      return labelWithUser(result.connection, result.accessToken);
    },

    async importSelfClient(
      name: string,
      fileText: string,
      where: { dc?: string; accountsUrl?: string; apiDomain?: string },
    ): Promise<Connection> {
      const file = parseSelfClientFile(fileText);
      assertSelfClientCodeFresh(file, clock.now());
      const added = await this.add(
        {
          name,
          dc: where.dc,
          accountsUrl: where.accountsUrl,
          apiDomain: where.apiDomain,
          clientId: file.clientId,
          clientType: 'self',
          scopes: file.scopes,
        },
        file.clientSecret,
      );
      try {
        return await this.authorizeSelfClient(added.id, file.code);
      } catch (error) {
        // The file is still on the user's disk: undo the half-made connection so a retry with a
        // fresh code can reuse the same name.
        await this.remove(added.id);
        throw error;
      }
    },

    async authorizeServerClient(
      nameOrId: string,
      options: ServerAuthorizationOptions,
    ): Promise<Connection> {
      const connection = store.require(nameOrId);
      if (connection.clientType === 'device') throw notForDevice(connection);
      if (connection.clientType !== 'server' || !connection.redirectUri) {
        throw inputError(
          'wrong_client_type',
          `"${connection.name}" is a Self Client; it is authorized with a grant code.`,
          'Authorize it with a grant code from the API Console (Self Client > Generate Code).',
          undefined,
          `token-desk authorize ${connection.name} --code <grant code>`,
        );
      }
      if (options.openBrowser && !deps.opener) {
        throw inputError(
          'no_browser',
          'This shell cannot open a browser.',
          'Open the printed address yourself.',
        );
      }
      const scopes = withAddedScopes(connection.scopes, options.addScopes);
      const clientSecret = await requireClientSecret(connection);
      const had = new Set(connection.scopes.map((scope) => scope.toLowerCase()));
      const added = scopes.filter((scope) => !had.has(scope.toLowerCase()));
      const refreshToken =
        added.length > 0 && connection.status === 'ready'
          ? await getSecret(connection.id, 'refresh_token')
          : null;
      const grantSecret = async () =>
        (await clientSecretFor(
          connectionSecrets(vault, connection.id),
          connection,
          connection.accountsUrl,
          connection.location,
        )) ?? clientSecret;
      if (refreshToken) {
        // Extend the grant the connection has: its refresh token keeps working, none is minted.
        try {
          await runScopeEnhancement({
            oauth,
            opener: deps.opener,
            openBrowser: options.openBrowser,
            onAuthorizationUrl: options.onAuthorizationUrl ?? (() => undefined),
            onProgress: options.onProgress,
            connection: {
              accountsUrl: connection.accountsUrl,
              clientId: connection.clientId,
              redirectUri: connection.redirectUri,
            },
            clientSecret: await grantSecret(),
            refreshToken,
            extraScopes: added,
            timeoutMs: options.timeoutMs,
            loopback: deps.loopback,
            coordinator,
            signal: options.signal,
          });
          await store.update(connection.id, (current) => ({
            ...current,
            scopes,
            grantedScopes: normalizeScopes([...(current.grantedScopes ?? current.scopes), ...added])
              .scopes,
          }));
          // A token minted before the consent lacks the new scopes: mint one that has them.
          options.onProgress?.({ step: 'exchanging' });
          return (await tokens.refresh(connection.id)).connection;
        } catch (error) {
          if (!(error instanceof ScopeEnhancementRefused)) throw error;
          options.onProgress?.({ step: 'full-sign-in', reason: error.reason });
        }
      }
      const outcome = await runServerAuthorization({
        oauth,
        opener: deps.opener,
        openBrowser: options.openBrowser,
        onAuthorizationUrl: options.onAuthorizationUrl ?? (() => undefined),
        onProgress: options.onProgress,
        connection: {
          accountsUrl: connection.accountsUrl,
          clientId: connection.clientId,
          scopes,
          redirectUri: connection.redirectUri,
          customAccountsUrl: connection.custom?.accountsUrl,
        },
        clientSecret,
        secretFor: (accountsUrl, location) =>
          clientSecretFor(
            connectionSecrets(vault, connection.id),
            connection,
            accountsUrl,
            location,
          ),
        timeoutMs: options.timeoutMs,
        loopback: deps.loopback,
        coordinator,
        signal: options.signal,
      });
      // The grant is what the user accepted: keep the scopes asked for with it.
      const withScopes =
        scopes.length === connection.scopes.length
          ? connection
          : await store.update(connection.id, (current) => ({ ...current, scopes }));
      return finishGrant(withScopes, outcome.tokens, {
        accountsUrl: outcome.accountsUrl,
        location: outcome.location,
      });
    },

    /**
     * The device flow of a Non-browser application: a code for the client's admin, then polling
     * until they accept (docs/zoho.md §4.7). The connection is changed only once tokens arrived.
     */
    async authorizeDeviceClient(
      nameOrId: string,
      options: DeviceAuthorizationOptions,
    ): Promise<Connection> {
      const connection = store.require(nameOrId);
      if (connection.clientType !== 'device') {
        throw inputError(
          'wrong_client_type',
          `"${connection.name}" is not a Non-browser application, so it has no device code.`,
          connection.clientType === 'self'
            ? 'Authorize it with a grant code from the API Console (Self Client > Generate Code).'
            : 'Authorize it by signing in through the browser.',
          undefined,
          connection.clientType === 'self'
            ? `token-desk authorize ${connection.name} --code <grant code>`
            : `token-desk authorize ${connection.name}`,
        );
      }
      if (!deps.device) {
        throw inputError(
          'no_device_flow',
          'This part of Token Desk cannot run the device flow.',
          'Authorize the connection from the command line or the window.',
        );
      }
      const scopes = withAddedScopes(connection.scopes, options.addScopes);
      if (scopes.length === 0) {
        throw inputError(
          'missing_scopes',
          `"${connection.name}" names no scopes, and Zoho needs to know what the token may do.`,
          'Give its scopes, for example ZohoCRM.modules.ALL and AaaServer.profile.READ.',
          undefined,
          `token-desk authorize ${connection.name} --add-scopes ZohoCRM.modules.ALL,AaaServer.profile.READ`,
        );
      }
      const clientSecret = await requireClientSecret(connection);
      const outcome = await runDeviceAuthorization({
        device: deps.device,
        connection: {
          name: connection.name,
          // A new grant starts where the client is registered, not where an old grant lived.
          accountsUrl: registeredAccountsUrl(connection),
          clientId: connection.clientId,
          scopes,
          customAccountsUrl: connection.custom?.accountsUrl,
        },
        clientSecret,
        clock,
        sleep: deps.sleep ?? realSleep,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        opener: deps.opener,
        openBrowser: options.openBrowser,
        onProgress: options.onProgress,
      });
      const withScopes =
        scopes.length === connection.scopes.length
          ? connection
          : await store.update(connection.id, (current) => ({ ...current, scopes }));
      return finishGrant(withScopes, outcome.tokens, {
        accountsUrl: outcome.accountsUrl,
        // Without other_dc the admin is in the DC where the client is registered.
        location: outcome.location ?? (connection.dc === 'custom' ? undefined : connection.dc),
      });
    },

    /**
     * Keeps a Multi-DC client's secret for one data centre: sign-ins, refreshes and revocations of
     * a user in that DC use it. Zoho is not contacted; the next sign-in shows whether it is right.
     */
    async setDcSecret(nameOrId: string, dc: string, secret: string): Promise<Connection> {
      const connection = store.require(nameOrId);
      const code = assertCanHoldDcSecret(connection, dc);
      if (!secret.trim()) {
        throw inputError(
          'missing_client_secret',
          'The client secret is empty.',
          `Copy the Client Secret for ${code.toUpperCase()} from your client in the API Console (Settings > Multi-DC) and give it on standard input or at the prompt.`,
        );
      }
      await connectionSecrets(vault, connection.id).set(dcSecretKind(code), secret.trim());
      return store.update(connection.id, (current) => ({
        ...current,
        dcSecrets: [...new Set([...(current.dcSecrets ?? []), code])].sort(),
      }));
    },

    /** Revokes the refresh token at Zoho, then forgets the tokens here (the client secret stays). */
    async revoke(nameOrId: string): Promise<Connection> {
      const connection = store.require(nameOrId);
      const refreshToken = await getSecret(connection.id, 'refresh_token');
      if (!refreshToken) {
        throw inputError(
          'nothing_to_revoke',
          `"${connection.name}" holds no refresh token, so there is nothing to revoke.`,
          'Authorize it first.',
          undefined,
          `token-desk authorize ${connection.name}`,
        );
      }
      await oauth.revoke({
        accountsUrl: connection.accountsUrl,
        clientId: connection.clientId,
        clientSecret:
          (await clientSecretFor(
            connectionSecrets(vault, connection.id),
            connection,
            connection.accountsUrl,
            connection.location,
          )) ?? (await requireClientSecret(connection)),
        token: refreshToken,
      });
      await deps.ledger?.recordRevoked(connection.id);
      await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, 'refresh_token'));
      await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, 'access_token'));
      return store.update(connection.id, (current) => ({
        ...current,
        status: 'new',
        accessTokenExpiresAt: undefined,
        lastError: undefined,
      }));
    },

    /**
     * Forgets the connection, all its secrets and its request history on this computer. Zoho is
     * not contacted.
     */
    async remove(nameOrId: string): Promise<Connection> {
      const connection = store.require(nameOrId);
      await store.remove(connection.id);
      for (const kind of ALL_SECRET_KINDS) {
        await vault.deletePassword(VAULT_SERVICE, secretAccount(connection.id, kind));
      }
      await deps.history?.forget(connection.name);
      return connection;
    },

    /**
     * The wizard's "the form changed since the connection was added": removes the connection it
     * added (named `replaces`), then adds the new one. Nothing is removed if the new one is invalid
     * or its name belongs to another connection.
     */
    async replace(
      replaces: string,
      input: NewConnectionInput,
      clientSecret: string,
    ): Promise<Connection> {
      const old = store.require(replaces);
      const draft = buildConnection(input, clock.now());
      const clash = store.find(draft.name);
      // add() says what is wrong (an empty secret, a name taken) while the old one is still there.
      if (!clientSecret.trim() || (clash && clash.id !== old.id))
        return this.add(input, clientSecret);
      await this.remove(old.id);
      return this.add(input, clientSecret);
    },

    async export(
      nameOrId: string,
      format: ExportFormat,
      options: { includeSecrets: boolean },
    ): Promise<string> {
      const connection = store.require(nameOrId);
      const secrets: Partial<Record<SecretKind, string>> = {};
      if (options.includeSecrets) {
        for (const kind of SECRET_KINDS) {
          const value = await getSecret(connection.id, kind);
          if (value) secrets[kind] = value;
        }
      }
      return exportConnection(connection, format, secrets);
    },

    /** The export with the file name it is saved under. */
    async exportFile(
      nameOrId: string,
      format: ExportFormat,
      options: { includeSecrets: boolean },
    ): Promise<{ text: string; fileName: string }> {
      const connection = store.require(nameOrId);
      const text = await this.export(connection.id, format, options);
      return { text, fileName: exportFileName(connection.name, format) };
    },
  };
}
