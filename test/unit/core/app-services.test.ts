// The one composition root on in-memory ports: what it builds lazily (no cipher until a secret is
// needed), the vault a shell chooses by port (one cipher, or a window's say), and that a removed
// connection takes its request history with it, whichever shell removes it.

import { describe, expect, it } from 'vitest';
import { createAppServices, type AppPorts } from '../../../main/core/app-services.js';
import { createPassphraseCipher } from '../../../main/core/vault/passphrase-cipher.js';
import { keyringCipherOption } from '../../../main/core/vault/vault-control.js';
import { FakeClock } from '../../support/fakes.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
} from '../../support/memory-document-store.js';
import { createMemoryKeyring } from '../../support/memory-keyring.js';
import { thrown } from '../../support/typed-errors.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

function ports(vault: AppPorts['vault']): AppPorts & { disk: Map<string, string> } {
  const disk = createMemoryDisk();
  return {
    disk,
    home: '/home/user/.token-desk',
    documents: (name) => createMemoryDocumentStore(disk, `/home/user/.token-desk/${name}.json`),
    corruptBackups: () => ({ connections: [], vault: [] }),
    lock: createMemoryLock(),
    clock: new FakeClock(),
    fetch: async () => {
      throw new Error('no network in this test');
    },
    loopback: async () => {
      throw new Error('no sign-in in this test');
    },
    vault,
  };
}

describe('createAppServices', () => {
  it('builds no cipher for what needs no secret, and one cipher once for the vault', async () => {
    let built = 0;
    const app = createAppServices(
      ports({
        single: {
          cipher: () => {
            built += 1;
            return createPassphraseCipher({ passphrase: 'correct horse battery', cost: CHEAP });
          },
        },
      }),
    );
    expect(app.store.list()).toEqual([]);
    expect(app.settings.get().autoRefresh).toBe(true);
    expect(app.history.list()).toEqual([]);
    expect(built).toBe(0);
    const [a, b] = await Promise.all([app.vault(), app.tokens().then(() => app.vault())]);
    expect(a).toBe(b);
    expect(a.cipherId).toBe('passphrase');
    expect(built).toBe(1);
    // A shell without a window has no vault settings.
    expect(thrown(() => app.vaultControl()).code).toBe('vault_control_unavailable');
  });

  it("removing a connection forgets its secrets and its request history, not the others'", async () => {
    const app = createAppServices(
      ports({
        single: {
          cipher: () =>
            createPassphraseCipher({ passphrase: 'correct horse battery', cost: CHEAP }),
        },
      }),
    );
    const connections = await app.connections();
    const base = { dc: 'eu', clientType: 'self' as const, clientId: '1000.ABC' };
    await connections.add({ ...base, name: 'gone-soon' }, 'client-secret-1');
    await connections.add({ ...base, name: 'stays' }, 'client-secret-2');
    const request = { method: 'GET' as const, pathOrUrl: '/crm/v8/org', query: [], headers: [] };
    await app.history.add({ connection: 'gone-soon', request, status: 200 });
    await app.history.add({ connection: 'stays', request, status: 200 });

    const removed = await connections.remove('gone-soon');
    expect(app.history.list().map((e) => e.connection)).toEqual(['stays']);
    const { vault } = await app.vault();
    expect(vault.listEntries().filter((e) => e.account.startsWith(`${removed.id}/`))).toEqual([]);
    expect(app.store.list().map((c) => c.name)).toEqual(['stays']);
  });

  it("a window's vault keeps the window's cipher choice under its own key in the settings", async () => {
    const keyring = createMemoryKeyring();
    const app = createAppServices(
      ports({
        window: {
          program: 'browser',
          osCiphers: () => [keyringCipherOption({ keyring, label: 'OS keyring' })],
          passphraseCost: CHEAP,
        },
      }),
    );
    const control = app.vaultControl();
    expect(app.vaultControl()).toBe(control);
    expect((await control.status()).program).toBe('browser');
    await control.createPassphrase('seven purple kites at dawn');
    expect(app.settings.get().vaultCipher).toEqual({ browser: 'passphrase' });
    expect((await app.vault()).vault).toBe(control.vault);
  });

  it('the wizard replaces the connection it added when the form changed, and keeps it when the new one is refused', async () => {
    const app = createAppServices(
      ports({
        single: {
          cipher: () =>
            createPassphraseCipher({ passphrase: 'correct horse battery', cost: CHEAP }),
        },
      }),
    );
    const connections = await app.connections();
    const base = { dc: 'eu', clientType: 'self' as const, clientId: '1000.ABC' };
    const first = await connections.add({ ...base, name: 'draft' }, 'client-secret-1');
    await connections.add({ ...base, name: 'taken' }, 'client-secret-2');
    const renamed = await connections.replace('draft', { ...base, name: 'final' }, 'secret-3');
    expect(renamed.id).not.toBe(first.id);
    expect(
      app.store
        .list()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['final', 'taken']);
    // A name another connection has: refused, and the wizard's connection is still there.
    await expect(
      connections.replace('final', { ...base, name: 'taken' }, 'secret-4'),
    ).rejects.toMatchObject({ code: 'duplicate_connection' });
    await expect(
      connections.replace('final', { ...base, name: 'other' }, '  '),
    ).rejects.toMatchObject({
      code: 'missing_client_secret',
    });
    expect(
      app.store
        .list()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['final', 'taken']);
  });
});
