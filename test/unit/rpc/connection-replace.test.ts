// The wizard's add-then-replace through the rpc contract: `connections.add` with `replaces` is
// core's replace use case, so the window never removes its earlier connection itself, and a
// refused replacement (a name taken) leaves the earlier one in place.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/core/app-services.js';
import { nodeAppPorts } from '../../../main/platform/node/node-ports.js';
import { browserWindowVault } from '../../../main/platform/node/node-vault.js';
import type { EventName, EventPayload } from '../../../main/rpc/contract.js';
import { createDispatcher } from '../../../main/rpc/dispatcher.js';
import { createRpcHandlers, rpcDependencies } from '../../../main/rpc/handlers.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-replace-rpc-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function window() {
  const services = createAppServices({
    ...nodeAppPorts({ home }),
    vault: browserWindowVault({ env: {}, keyring: createMemoryKeyring() }),
  });
  const changes: EventPayload<'connections.changed'>[] = [];
  const handlers = createRpcHandlers(
    await rpcDependencies(services, {
      shell: 'browser',
      openAuthorizationPage: false,
      version: 'test',
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'connections.changed')
          changes.push(payload as EventPayload<'connections.changed'>);
      },
    }),
  );
  return { dispatch: createDispatcher(handlers), changes, services };
}

const input = (name: string, scopes: string[] = []) => ({
  name,
  dc: 'eu',
  clientType: 'self',
  clientId: '1000.ABC',
  clientSecret: 'client-secret',
  scopes,
});

describe('connections.add with replaces (the wizard changed its form)', () => {
  it('replaces the earlier connection, even under the same name, and tells the window both rows', async () => {
    const { dispatch, changes, services } = await window();
    const first = await dispatch('connections.add', input('acme'));
    const firstId = (first as { result: { id: string } }).result.id;

    const second = await dispatch('connections.add', {
      ...input('acme', ['ZohoCRM.modules.READ']),
      replaces: 'acme',
    });
    expect(second).toMatchObject({ ok: true, result: { name: 'acme' } });
    const secondId = (second as { result: { id: string } }).result.id;
    expect(secondId).not.toBe(firstId);
    expect(services.store.list().map((c) => [c.name, c.scopes])).toEqual([
      ['acme', ['ZohoCRM.modules.READ']],
    ]);
    expect(changes.map((c) => c.removed ?? c.connection?.id)).toEqual([firstId, firstId, secondId]);
  });

  it('keeps the earlier connection when the new name is taken by another one', async () => {
    const { dispatch, services } = await window();
    await dispatch('connections.add', input('other'));
    await dispatch('connections.add', input('acme'));
    const refused = await dispatch('connections.add', { ...input('other'), replaces: 'acme' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'duplicate_connection' } });
    expect(
      services.store
        .list()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['acme', 'other']);
  });
});
