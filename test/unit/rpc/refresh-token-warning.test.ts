// The 20-refresh-token warning through the rpc contract, as the window asks for it: by name before
// Re-authorize, and by client (ID and data centre, or a custom accounts URL) in the wizard, before
// the connection exists. Zoho keeps 20 refresh tokens per user and client and deletes the oldest
// (docs/zoho.md, Limits); the ledger of the ones Token Desk had made is refresh-tokens.json.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/core/app-services.js';
import { nodeAppPorts } from '../../../main/platform/node/node-ports.js';
import { browserWindowVault } from '../../../main/platform/node/node-vault.js';
import { createDispatcher } from '../../../main/rpc/dispatcher.js';
import { createRpcHandlers, rpcDependencies } from '../../../main/rpc/handlers.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';

const CLIENT = '1000.LIMIT';
const EU = 'https://accounts.zoho.eu';
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-limit-rpc-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function window() {
  const services = createAppServices({
    ...nodeAppPorts({ home }),
    vault: browserWindowVault({ env: {}, keyring: createMemoryKeyring() }),
  });
  const handlers = createRpcHandlers(
    await rpcDependencies(services, {
      shell: 'browser',
      openAuthorizationPage: false,
      version: 'test',
      emit: () => undefined,
    }),
  );
  return createDispatcher(handlers);
}

/** `count` refresh tokens made for CLIENT in the EU for one user, the oldest by `oldest`. */
function ledgerWith(count: number, oldest: { id: string; name: string }) {
  const mints = Array.from({ length: count }, (_, i) => ({
    clientId: CLIENT,
    accountsUrl: EU,
    user: '700000001',
    connectionId: i === 0 ? oldest.id : `gone-${i}`,
    connectionName: i === 0 ? oldest.name : `gone-${i}`,
    at: 1_000 + i,
  }));
  writeFileSync(join(home, 'refresh-tokens.json'), JSON.stringify({ version: 1, mints }));
}

describe('the refresh-token warning over rpc', () => {
  it('warns the wizard before the 21st token of a client in a data centre, naming the connection it breaks', async () => {
    const dispatch = await window();
    const added = await dispatch('connections.add', {
      name: 'oldest',
      dc: 'eu',
      clientType: 'self',
      clientId: CLIENT,
      clientSecret: 'client-secret',
    });
    const oldest = (added as { result: { id: string } }).result;
    ledgerWith(19, { id: oldest.id, name: 'oldest' });
    // 19 made so far: the 20th is fine.
    expect(
      await dispatch('connections.refreshTokenWarningForClient', { clientId: CLIENT, dc: 'eu' }),
    ).toEqual({ ok: true, result: {} });

    ledgerWith(20, { id: oldest.id, name: 'oldest' });
    const warned = (await dispatch('connections.refreshTokenWarningForClient', {
      clientId: CLIENT,
      dc: 'eu',
    })) as { result: { warning?: string } };
    expect(warned.result.warning).toMatch(
      /already had 20 refresh tokens made for client 1000\.LIMIT.*"oldest" will stop working/,
    );
    // The same client through a custom accounts URL that is the EU's, and by name (Re-authorize).
    expect(
      await dispatch('connections.refreshTokenWarningForClient', {
        clientId: CLIENT,
        accountsUrl: `${EU}/`,
      }),
    ).toEqual(warned);
    expect(await dispatch('connections.refreshTokenWarning', { name: 'oldest' })).toEqual(warned);

    // Another data centre, another client: their own counts, nothing to say.
    for (const other of [
      { clientId: CLIENT, dc: 'us' },
      { clientId: '1000.OTHER', dc: 'eu' },
    ])
      expect(await dispatch('connections.refreshTokenWarningForClient', other)).toEqual({
        ok: true,
        result: {},
      });
  });

  it('says nothing, and fails nothing, for a client it cannot place', async () => {
    const dispatch = await window();
    ledgerWith(20, { id: 'x', name: 'x' });
    for (const unplaced of [
      { clientId: CLIENT },
      { clientId: CLIENT, accountsUrl: 'ftp://accounts.zoho.eu' },
      { clientId: '   ', dc: 'eu' },
    ])
      expect(await dispatch('connections.refreshTokenWarningForClient', unplaced)).toEqual({
        ok: true,
        result: {},
      });
  });
});
