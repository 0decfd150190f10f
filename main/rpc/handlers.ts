// The rpc contract's methods, each mapped to one core use case. Shells build the dependencies
// (Electron: safeStorage, electron-store, net.fetch; browser mode: the CLI's vault and store) and
// pass them in; nothing here knows which shell it runs in beyond the `shell` label.

import { inputError } from '../core/errors.js';
import type { ConnectionService } from '../core/connections/connection-service.js';
import type { ConnectionStore } from '../core/store/connection-store-types.js';
import { VAULT_SERVICE, secretAccount, type Connection } from '../core/store/connection.js';
import type { SecretVault } from '../core/vault/secret-vault.js';
import type { VaultControl } from '../core/vault/vault-control.js';
import type { TokenManager } from '../core/tokens/token-manager.js';
import type { RequestRunner } from '../core/requests/request-runner.js';
import type { RequestHistory } from '../core/requests/request-history.js';
import type { SettingsStore } from '../core/settings/settings-store.js';
import { toCurl } from '../core/requests/curl.js';
import { isScopeMismatch } from '../core/requests/api-answers.js';
import { resolveTarget } from '../core/requests/request-runner.js';
import {
  leastPrivilegeWarnings,
  normalizeScopes,
  PRODUCTS,
  requiredScopeFor,
  sampleRequestsFor,
} from '../core/catalog/index.js';
import { corruptBackupNotices, type CorruptBackups } from '../core/store/corrupt-backups.js';
import type { TokenNotice } from '../core/tokens/token-manager.js';
import type { ConnectionView, EventName, EventPayload, VaultStatusView } from './contract.js';
import type { RpcHandlers } from './dispatcher.js';

export interface CipherStatus {
  id: string;
  description: string;
  secure: boolean;
  warning?: string;
}

export interface RpcHandlerDeps {
  shell: 'electron' | 'browser';
  /** Open the Zoho sign-in page in the system browser (off for `token-desk ui --no-open` and tests). */
  openAuthorizationPage?: boolean;
  version: string;
  home: string;
  /** Which ciphers protect the secrets, and the user's say in it (passphrase, choice, sharing). */
  vaultControl: VaultControl;
  store: ConnectionStore;
  vault: SecretVault;
  connections: ConnectionService;
  tokens: TokenManager;
  requests: RequestRunner;
  history: RequestHistory;
  settings: SettingsStore;
  /** Electron copies in main; browser mode has no such port (the page copies after tokens.reveal). */
  copyToken?: (name: string, as: 'token' | 'header') => Promise<{ expiresAt: number }>;
  /**
   * Electron: puts an export on the clipboard in main; `secret` (it holds secrets) clears it after
   * the user's delay, like a token. Browser mode has none (the page copies the text it was given).
   */
  copyText?: (text: string, secret: boolean) => Promise<{ clearAfterSeconds: number }>;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Backups of corrupt store files beside the live ones, looked up on each call. */
  corruptBackups?: () => CorruptBackups;
}

/** A token manager notice as the window gets it (connections.notice): the text, no details. */
export function noticeEvent(notice: TokenNotice): EventPayload<'connections.notice'> {
  return { connection: notice.connection, code: notice.code, message: notice.message };
}

/** The connection id in a vault account name (`<connection id>/<kind>`, see secretAccount). */
function connectionIdOf(account: string): string | undefined {
  const slash = account.lastIndexOf('/');
  return slash > 0 ? account.slice(0, slash) : undefined;
}

/** Shows enough of a token to tell two apart, never enough to use it. */
export function maskToken(token: string): string {
  return token.length <= 12
    ? '•'.repeat(token.length)
    : `${token.slice(0, 4)}${'•'.repeat(8)}${token.slice(-4)}`;
}

export function createRpcHandlers(deps: RpcHandlerDeps): RpcHandlers {
  let pendingAuthorization: AbortController | undefined;

  async function view(connection: Connection): Promise<ConnectionView> {
    const { refreshLog: _log, refreshBlockedUntil: _blocked, ...rest } = connection;
    let maskedAccessToken: string | undefined;
    if (connection.accessTokenExpiresAt !== undefined) {
      const token = await deps.vault
        .getPassword(VAULT_SERVICE, secretAccount(connection.id, 'access_token'))
        .catch(() => null);
      if (token) maskedAccessToken = maskToken(token);
    }
    return { ...rest, maskedAccessToken };
  }

  const changed = () => deps.emit('connections.changed', {});

  /** The vault's status plus, per connection, the ciphers its secrets are sealed with. */
  async function vaultStatus(): Promise<VaultStatusView> {
    const status = await deps.vaultControl.status();
    const byConnection = new Map<string, Set<string>>();
    for (const entry of deps.vaultControl.vault.listEntries()) {
      if (entry.service !== VAULT_SERVICE || entry.cipherId === undefined) continue;
      const id = connectionIdOf(entry.account);
      if (id === undefined) continue;
      const set = byConnection.get(id) ?? new Set<string>();
      byConnection.set(id, set.add(entry.cipherId));
    }
    const connections = deps.store
      .list()
      .map((c) => ({ id: c.id, ciphers: [...(byConnection.get(c.id) ?? [])].sort() }));
    return { ...status, connections };
  }

  return {
    'app.info': async () => {
      const status = await deps.vaultControl.status();
      const cipher: CipherStatus = {
        id: status.primary,
        description: status.description,
        secure: status.secure,
        ...(status.warning ? { warning: status.warning } : {}),
      };
      return { version: deps.version, shell: deps.shell, home: deps.home, cipher };
    },
    'settings.get': async () => deps.settings.get(),
    'settings.set': async (change) => deps.settings.set(change),

    'connections.list': async () => Promise.all(deps.store.list().map(view)),
    'connections.add': async ({ clientSecret, ...input }) => {
      const added = await deps.connections.add(input, clientSecret);
      changed();
      return view(added);
    },
    'connections.importSelfClient': async ({ name, fileText, ...where }) => {
      const connection = await deps.connections.importSelfClient(name, fileText, where);
      changed();
      return view(connection);
    },
    'connections.authorizeSelfClient': async ({ name, code, scopes }) => {
      const connection = await deps.connections.authorizeSelfClient(name, code, { scopes });
      changed();
      return view(connection);
    },
    'connections.authorizeServer': async ({ name, timeoutSeconds, addScopes }) => {
      pendingAuthorization?.abort();
      const controller = new AbortController();
      pendingAuthorization = controller;
      const timeoutMs = (timeoutSeconds ?? 300) * 1000;
      // The receiver's timeout starts when it listens; the waiting screen counts down to it.
      let deadline: number | undefined;
      try {
        const connection = await deps.connections.authorizeServerClient(name, {
          openBrowser: deps.openAuthorizationPage ?? true,
          addScopes,
          timeoutMs,
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.step === 'listening') {
              deadline = Date.now() + timeoutMs;
              deps.emit('authorization.progress', { name, step: 'listening', deadline });
            } else if (progress.step === 'sign-in') {
              deps.emit('authorization.progress', {
                name,
                step: 'sign-in',
                url: progress.url,
                browserOpened: progress.browserOpened,
                deadline,
              });
            } else {
              deps.emit('authorization.progress', { name, step: 'exchanging', deadline });
            }
          },
        });
        deps.emit('authorization.progress', { name, step: 'done' });
        changed();
        return view(connection);
      } catch (error) {
        deps.emit('authorization.progress', {
          name,
          step: controller.signal.aborted ? 'cancelled' : 'failed',
        });
        throw error;
      } finally {
        if (pendingAuthorization === controller) pendingAuthorization = undefined;
      }
    },
    'connections.cancelAuthorization': async () => {
      const had = pendingAuthorization !== undefined;
      pendingAuthorization?.abort();
      return { cancelled: had };
    },
    'connections.revoke': async ({ name }) => {
      const connection = await deps.connections.revoke(name);
      changed();
      return view(connection);
    },
    'connections.remove': async ({ name }) => {
      const removed = await deps.connections.remove(name);
      await deps.history.forget(removed.name);
      changed();
      return { removed: removed.name };
    },
    'connections.export': async ({ name, format, includeSecrets, copy }) => {
      const connection = deps.store.require(name);
      if (copy && !deps.copyText) {
        throw inputError(
          'no_clipboard',
          'This window copies exports itself.',
          'Use the Copy button under the exported text.',
        );
      }
      const text = await deps.connections.export(name, format, { includeSecrets });
      const fileName =
        format === 'env'
          ? `${connection.name}.env`
          : format === 'json'
            ? `${connection.name}.json`
            : `${connection.name}.postman_environment.json`;
      if (!copy || !deps.copyText) return { text, fileName };
      // Copied as exported here, so the text on the clipboard is the text the window shows.
      return { text, fileName, copied: await deps.copyText(text, includeSecrets) };
    },

    'tokens.refresh': async ({ name }) => {
      const result = await deps.tokens.refresh(name);
      changed();
      return view(result.connection);
    },
    'tokens.copy': async ({ name, as }) => {
      if (!deps.copyToken) {
        throw inputError(
          'no_clipboard',
          'This window copies tokens itself.',
          'Use the Copy button; it reveals the token to this page only for the copy.',
        );
      }
      const result = await deps.copyToken(name, as);
      changed();
      return result;
    },
    'tokens.reveal': async ({ name }) => {
      const result = await deps.tokens.getAccessToken(name, { minValidSeconds: 300 });
      if (result.refreshed) changed();
      return { accessToken: result.accessToken, expiresAt: result.expiresAt };
    },

    'requests.send': async ({ name, request }) => {
      const connection = deps.store.require(name);
      try {
        const response = await deps.requests.run(connection.id, request);
        await deps.history.add({
          connection: connection.name,
          request,
          status: response.status,
          durationMs: response.durationMs,
        });
        if (response.retriedAfterRefresh) changed();
        // A mismatch the catalog cannot map to a scope still says so, and the UI asks for the scope.
        const scopeMismatch = isScopeMismatch(response.status, response.body);
        const missingScope = scopeMismatch
          ? requiredScopeFor(response.product, request.method, response.url)?.scope
          : undefined;
        return { ...response, scopeMismatch, missingScope };
      } catch (error) {
        await deps.history.add({
          connection: connection.name,
          request,
          error: error instanceof Error ? error.message : 'failed',
        });
        throw error;
      }
    },
    'requests.history': async ({ name }) => deps.history.list(name),
    'requests.curl': async ({ name, request, includeToken }) => {
      const target = resolveTarget(deps.store.require(name), request);
      const token = includeToken ? (await deps.tokens.getAccessToken(name)).accessToken : undefined;
      return { text: toCurl(target.url.href, target.request, token) };
    },

    'catalog.products': async () =>
      PRODUCTS.map((product) => ({
        id: product.id,
        name: product.name,
        servicePrefix: product.servicePrefix,
        scopes: product.scopes.map((s) => ({
          scope: s.scope,
          product: product.id,
          description: s.description,
          sensitivity: s.sensitivity,
          confirmed: s.confirmed,
        })),
        presets: product.presets.map((p) => ({ id: p.id, label: p.label, scopes: [...p.scopes] })),
        orgContext: product.orgContext && {
          kind: product.orgContext.kind,
          name: product.orgContext.name,
          label: product.orgContext.label,
          whereInUi: product.orgContext.whereInUi,
        },
      })),
    'catalog.checkScopes': async ({ scopes, presetIds }) => {
      const normalized = normalizeScopes(scopes);
      return {
        scopes: normalized.scopes,
        errors: normalized.errors,
        warnings: leastPrivilegeWarnings(normalized.scopes, { presetIds }).map((w) => w.message),
      };
    },
    'store.corruptBackups': async () =>
      corruptBackupNotices(deps.corruptBackups?.() ?? { connections: [], vault: [] }),
    'vault.status': async () => vaultStatus(),
    'vault.createPassphrase': async ({ passphrase }) => {
      await deps.vaultControl.createPassphrase(passphrase);
      changed();
      return vaultStatus();
    },
    'vault.unlock': async ({ passphrase }) => {
      await deps.vaultControl.unlock(passphrase);
      // Masked tokens and the tray can be read now.
      changed();
      return vaultStatus();
    },
    'vault.choose': async ({ cipher }) => {
      await deps.vaultControl.choose(cipher);
      return vaultStatus();
    },
    'vault.shareWithCli': async ({ name }) => {
      const only = name === undefined ? undefined : deps.store.require(name).id;
      const resealed = await deps.vaultControl.shareWithCommandLine(
        (service, account) =>
          service === VAULT_SERVICE && (only === undefined || connectionIdOf(account) === only),
      );
      const shared = new Set(
        resealed.map((entry) => connectionIdOf(entry.account)).filter((id) => id !== undefined),
      );
      if (shared.size > 0) changed();
      return { shared: shared.size, status: await vaultStatus() };
    },

    'catalog.samples': async ({ name }) => {
      const connection = deps.store.require(name);
      // Values Token Desk knows for a sample's path (WorkDrive's {zuid}); the user types the rest.
      const known: Record<string, string | undefined> = { zuid: connection.user?.zuid };
      return sampleRequestsFor(connection.grantedScopes ?? connection.scopes).map((s) => ({
        id: s.id,
        product: s.product,
        label: s.label,
        method: 'GET' as const,
        path: s.path,
        scope: s.scope,
        headers: Object.entries(s.headers ?? {}),
        params: (s.params ?? []).map((param) => ({
          ...param,
          ...(known[param.name] ? { value: known[param.name] } : {}),
        })),
        needsOrg: s.needsOrg,
      }));
    },
  };
}
