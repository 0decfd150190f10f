// What is done with a connection's stored secrets besides authorizing it: a Multi-DC client's
// per-DC secret, revoking the grant (at Zoho, then here), and the export (with secrets only when
// asked).

import { inputError } from '../errors.js';
import {
  SECRET_KINDS,
  VAULT_SERVICE,
  secretAccount,
  type Connection,
  type SecretKind,
} from '../store/connection.js';
import { connectionSecrets } from '../vault/connection-secrets.js';
import { assertCanHoldDcSecret, dcSecretKind } from './dc-secrets.js';
import { exportConnection, exportFileName, type ExportFormat } from './export-connection.js';
import type { GrantContext } from './grant-context.js';

export function createConnectionUpkeep(context: GrantContext) {
  const { deps, store, vault, oauth } = context;

  async function exportText(
    nameOrId: string,
    format: ExportFormat,
    options: { includeSecrets: boolean },
  ): Promise<string> {
    const connection = store.require(nameOrId);
    const secrets: Partial<Record<SecretKind, string>> = {};
    if (options.includeSecrets) {
      for (const kind of SECRET_KINDS) {
        const value = await context.getSecret(connection.id, kind);
        if (value) secrets[kind] = value;
      }
    }
    return exportConnection(connection, format, secrets);
  }

  return {
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
      const refreshToken = await context.getSecret(connection.id, 'refresh_token');
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
          (await context.dcClientSecret(connection, connection.accountsUrl, connection.location)) ??
          (await context.requireClientSecret(connection)),
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

    export: exportText,

    /** The export with the file name it is saved under. */
    async exportFile(
      nameOrId: string,
      format: ExportFormat,
      options: { includeSecrets: boolean },
    ): Promise<{ text: string; fileName: string }> {
      const connection = store.require(nameOrId);
      const text = await exportText(connection.id, format, options);
      return { text, fileName: exportFileName(connection.name, format) };
    },
  };
}
