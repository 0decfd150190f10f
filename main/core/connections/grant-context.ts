// What every part of the connection service shares (connection-service.ts composes the parts): its
// dependencies, the one sign-in coordinator, the vault look-ups of a connection's secrets, the
// scope lists a user adds, and how a grant that worked is kept (tokens saved, the connection
// labelled with its Zoho user, the minted refresh token counted).

import { TokenDeskError, inputError } from '../errors.js';
import type { BrowserOpener, Clock, LoopbackListenerPort, Sleep } from '../ports.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import {
  VAULT_SERVICE,
  secretAccount,
  type Connection,
  type SecretKind,
} from '../store/connection.js';
import type { SecretVault } from '../vault/secret-vault.js';
import type { ZohoOAuthClient } from '../zoho/oauth-client.js';
import type { TokenSet } from '../zoho/token-set.js';
import type { TokenManager } from '../tokens/token-manager.js';
import { AuthorizationCoordinator } from '../auth/pending-authorization.js';
import type { ZohoDeviceClient } from '../zoho/device-client.js';
import type { RequestHistory } from '../requests/request-history.js';
import type { RefreshTokenLedger } from '../tokens/refresh-token-ledger.js';
import { connectionSecrets } from '../vault/connection-secrets.js';
import { clientSecretFor } from './dc-secrets.js';
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

/** Where a saved grant lives, when Zoho said (the accounts server and data centre). */
type GrantPlace = Parameters<TokenManager['saveGrant']>[2];

const PROFILE_SCOPE = 'aaaserver.profile.read';

export type GrantContext = ReturnType<typeof createGrantContext>;

export function createGrantContext(deps: ConnectionServiceDeps) {
  const { store, vault, oauth, tokens, clock } = deps;

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
    place: GrantPlace,
  ): Promise<Connection> {
    const saved = await tokens.saveGrant(connection.id, granted, place);
    const labelled = await labelWithUser(saved, granted.accessToken);
    if (granted.refreshToken) await deps.ledger?.recordMint(labelled, clock.now());
    return labelled;
  }

  return {
    deps,
    store,
    vault,
    oauth,
    tokens,
    clock,
    // One sign-in at a time for this service: a new one cancels the one still waiting.
    coordinator: new AuthorizationCoordinator({ loopback: deps.loopback, now: () => clock.now() }),
    getSecret,
    requireClientSecret,
    labelWithUser,
    finishGrant,

    /** A Multi-DC client's secret for the DC of a grant at `accountsUrl` (else its own, or null). */
    dcClientSecret(connection: Connection, accountsUrl: string, location: string | undefined) {
      return clientSecretFor(
        connectionSecrets(vault, connection.id),
        connection,
        accountsUrl,
        location,
      );
    },

    /**
     * Keeps a browser or device grant: the grant is what the user accepted, so the scopes asked
     * for (the connection's own plus any added) become the connection's with it.
     */
    async finishAskedGrant(
      connection: Connection,
      scopes: string[],
      granted: TokenSet,
      place: GrantPlace,
    ): Promise<Connection> {
      const withScopes =
        scopes.length === connection.scopes.length
          ? connection
          : await store.update(connection.id, (current) => ({ ...current, scopes }));
      return finishGrant(withScopes, granted, place);
    },
  };
}

/** A connection's scopes plus those a user adds (checked first), normalized and deduplicated. */
export function withAddedScopes(
  current: readonly string[],
  added: readonly string[] = [],
): string[] {
  return normalizeScopes([...current, ...checkedScopes(added)]).scopes;
}

/** Scopes from a user, normalized; the first one Zoho's grammar refuses becomes the error. */
export function checkedScopes(input: readonly string[]): string[] {
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

export function sameScopeList(a: readonly string[], b: readonly string[]): boolean {
  const key = (list: readonly string[]) =>
    list
      .map((s) => s.toLowerCase())
      .sort()
      .join(',');
  return key(a) === key(b);
}
