// Exports a connection as a .env file, JSON, or a Postman environment. Secrets appear only when
// the caller passes them (the user asked with --include-secrets / the export dialog's checkbox).

import { randomUUID } from 'node:crypto';
import { inputError } from '../errors.js';
import type { Connection, SecretKind } from '../store/connection.js';

export const EXPORT_FORMATS = ['env', 'json', 'postman'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseExportFormat(value: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  throw inputError(
    'bad_format',
    `"${value}" is not an export format.`,
    `Use one of: ${EXPORT_FORMATS.join(', ')}.`,
  );
}

interface ExportVariable {
  key: string;
  value: string;
  secret: boolean;
}

function variables(
  connection: Connection,
  secrets: Partial<Record<SecretKind, string>>,
): ExportVariable[] {
  const list: ExportVariable[] = [
    { key: 'ZOHO_DC', value: connection.location ?? connection.dc, secret: false },
    { key: 'ZOHO_ACCOUNTS_URL', value: connection.accountsUrl, secret: false },
    { key: 'ZOHO_API_DOMAIN', value: connection.apiDomain, secret: false },
    { key: 'ZOHO_CLIENT_ID', value: connection.clientId, secret: false },
    {
      key: 'ZOHO_SCOPES',
      value: (connection.grantedScopes ?? connection.scopes).join(','),
      secret: false,
    },
  ];
  // A client-credentials connection has no refresh token: its recipe is the grant and the soid.
  if (connection.clientCredentials) {
    list.push({ key: 'ZOHO_GRANT_TYPE', value: 'client_credentials', secret: false });
    if (connection.clientCredentials.soid)
      list.push({ key: 'ZOHO_SOID', value: connection.clientCredentials.soid, secret: false });
  }
  const secretKeys: Array<[SecretKind, string]> = [
    ['client_secret', 'ZOHO_CLIENT_SECRET'],
    ['refresh_token', 'ZOHO_REFRESH_TOKEN'],
    ['access_token', 'ZOHO_ACCESS_TOKEN'],
  ];
  for (const [kind, key] of secretKeys) {
    const value = secrets[kind];
    if (value !== undefined) list.push({ key, value, secret: true });
  }
  return list;
}

/** What an export of a client-credentials connection says in place of a refresh token. */
export const NO_REFRESH_TOKEN_NOTE =
  'No refresh token: this connection uses the client-credentials grant. Get a new access token by posting grant_type=client_credentials with the client ID, client secret, scopes and soid to the accounts server.';

/** Quotes a value for a .env file so that `#`, spaces and quotes survive dotenv parsers. */
function envValue(value: string): string {
  return /^[A-Za-z0-9_.,:/@+-]*$/.test(value)
    ? value
    : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The file name an export is saved under, from the connection's name. */
export function exportFileName(connectionName: string, format: ExportFormat): string {
  if (format === 'env') return `${connectionName}.env`;
  if (format === 'json') return `${connectionName}.json`;
  return `${connectionName}.postman_environment.json`;
}

export function exportConnection(
  connection: Connection,
  format: ExportFormat,
  secrets: Partial<Record<SecretKind, string>>,
): string {
  const vars = variables(connection, secrets);
  const withSecrets = vars.some((v) => v.secret);
  switch (format) {
    case 'env': {
      const lines = [`# Token Desk connection "${connection.name}"`];
      if (!withSecrets)
        lines.push('# Secrets are not included; export again with secrets included to add them.');
      if (connection.clientCredentials) lines.push(`# ${NO_REFRESH_TOKEN_NOTE}`);
      // An empty ZOHO_SCOPES= would read as "no scopes" to a script that splits it; say it instead.
      const noScopes = (v: ExportVariable) => v.key === 'ZOHO_SCOPES' && v.value === '';
      if (vars.some(noScopes))
        lines.push('# ZOHO_SCOPES is left out: no scopes are recorded for this connection.');
      lines.push(...vars.filter((v) => !noScopes(v)).map((v) => `${v.key}=${envValue(v.value)}`));
      return lines.join('\n') + '\n';
    }
    case 'json':
      return (
        JSON.stringify(
          Object.fromEntries([
            ['name', connection.name],
            ...vars.map((v) => [v.key.replace(/^ZOHO_/, '').toLowerCase(), v.value]),
            ...(connection.clientCredentials ? [['note', NO_REFRESH_TOKEN_NOTE]] : []),
          ]),
          null,
          2,
        ) + '\n'
      );
    case 'postman':
      return (
        JSON.stringify(
          {
            id: randomUUID(),
            name: `Zoho ${connection.name}`,
            values: vars.map((v) => ({
              key: v.key.replace(/^ZOHO_/, 'zoho_').toLowerCase(),
              value: v.value,
              type: v.secret ? 'secret' : 'default',
              enabled: true,
            })),
            _postman_variable_scope: 'environment',
          },
          null,
          2,
        ) + '\n'
      );
  }
}
