// Prints `token-desk list`. A store file moved aside as corrupt explains an empty (or short) list:
// it says so every time.

import { compareNatural } from '../../vocabulary/index.js';
import type { Command } from 'commander';
import type { Connection } from '../../core/store/connection.js';
import { connectionsBackupNote, vaultBackupNote } from '../error-report.js';
import { jsonText, relativeTime, table } from '../format.js';
import type { CommandContext } from './command-context.js';

export async function printList(
  ctx: CommandContext,
  command: Command,
  json: boolean,
): Promise<void> {
  const services = ctx.services(command);
  // By name, in natural order (client-9 before client-10), as the window's sidebar lists them.
  const list = services.store.list().sort((a, b) => compareNatural(a.name, b.name));
  const backups = services.corruptBackups();
  const notes = [connectionsBackupNote(backups), vaultBackupNote(backups)].filter(
    (n): n is string => n !== undefined,
  );
  for (const note of notes) ctx.progress(note);
  if (json) {
    ctx.out(jsonText(list.map(jsonView)));
    return;
  }
  if (list.length === 0) {
    if (backups.connections.length === 0)
      ctx.progress(
        'No connections yet. Add one with: token-desk add <name> --dc <dc> --client-id <id> --type <self|server>',
      );
    return;
  }
  ctx.out(tableView(list, Date.now()));
}

function jsonView(c: Connection) {
  return {
    name: c.name,
    dc: c.dc,
    location: c.location,
    type: c.clientType,
    ...(c.clientCredentials
      ? { grant: 'client_credentials', soid: c.clientCredentials.soid ?? null }
      : {}),
    status: c.status,
    client_id: c.clientId,
    accounts_url: c.accountsUrl,
    api_domain: c.apiDomain,
    scopes: c.grantedScopes ?? c.scopes,
    user: c.user,
    org: c.org,
    access_token_expires_at: c.accessTokenExpiresAt
      ? new Date(c.accessTokenExpiresAt).toISOString()
      : null,
  };
}

function tableView(list: Connection[], now: number): string {
  return table(
    ['NAME', 'DC', 'TYPE', 'STATUS', 'USER', 'ACCESS TOKEN'],
    list.map((c) => [
      c.name,
      (c.location ?? c.dc).toUpperCase(),
      c.clientCredentials ? 'self-cc' : c.clientType,
      c.status,
      c.user?.email ?? c.org ?? '',
      c.accessTokenExpiresAt
        ? c.accessTokenExpiresAt > now
          ? `valid ${relativeTime(c.accessTokenExpiresAt, now)}`
          : 'expired'
        : '-',
    ]),
  );
}
