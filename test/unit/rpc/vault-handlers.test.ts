// The vault methods of the rpc contract, through the dispatcher, on the browser mode's wiring
// (node services on a temp home) with an in-memory keyring that can be made unreachable, as on
// a headless Linux without a Secret Service.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../main/core/app-services.js';
import { nodeAppPorts } from '../../../main/platform/node/node-ports.js';
import { browserWindowVault } from '../../../main/platform/node/node-vault.js';
import { methods } from '../../../main/rpc/contract.js';
import { createDispatcher } from '../../../main/rpc/dispatcher.js';
import { createRpcHandlers, rpcDependencies } from '../../../main/rpc/handlers.js';
import { createMemoryKeyring, type MemoryKeyring } from '../../support/memory-keyring.js';

const PASSPHRASE = 'seven purple kites at dawn';
const CLIENT_SECRET = 'client-secret-that-must-stay-sealed';
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-vault-rpc-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function browserMode(keyring: MemoryKeyring, env: NodeJS.ProcessEnv = {}) {
  const services = createAppServices({
    ...nodeAppPorts({ home }),
    vault: browserWindowVault({ env, keyring }),
  });
  const events: string[] = [];
  const handlers = createRpcHandlers(
    await rpcDependencies(services, {
      shell: 'browser',
      openAuthorizationPage: false,
      version: 'test',
      emit: (event) => void events.push(event),
    }),
  );
  return { dispatch: createDispatcher(handlers), events };
}

function unreachableKeyring(): MemoryKeyring {
  const keyring = createMemoryKeyring();
  keyring.failWith = new Error('Platform failure: DBus error: no session bus');
  return keyring;
}

const add = (name: string) => ({
  name,
  dc: 'eu',
  clientType: 'self',
  clientId: '1000.ABC',
  clientSecret: CLIENT_SECRET,
});

describe('vault rpc methods', () => {
  it('vault.status says the keyring cannot protect secrets here and offers the passphrase', async () => {
    const { dispatch } = await browserMode(unreachableKeyring());
    const status = await dispatch('vault.status', {});
    expect(status).toMatchObject({
      ok: true,
      result: {
        program: 'browser',
        primary: 'keyring',
        secure: false,
        locked: false,
        passphrase: 'none',
        canShareWithCli: false,
        choices: [
          { id: 'keyring', available: false },
          { id: 'passphrase', available: true },
        ],
      },
    });
    const result = (status as { result: { warning?: string } }).result;
    expect(result.warning).toMatch(/^Token Desk could not reach your system's keyring, /);
    expect(result.warning).toMatch(/passphrase/);
    expect(methods['vault.status'].result.safeParse(result).success).toBe(true);
    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      result: { cipher: { id: 'keyring', secure: false, warning: result.warning } },
    });
  });

  it('vault.createPassphrase: the result and the files carry no passphrase; connections then work', async () => {
    const keyring = unreachableKeyring();
    const { dispatch, events } = await browserMode(keyring);
    expect(await dispatch('connections.add', add('before'))).toMatchObject({
      ok: false,
      error: { code: 'keyring_unavailable' },
    });
    const created = await dispatch('vault.createPassphrase', { passphrase: PASSPHRASE });
    expect(created).toMatchObject({ ok: true, result: { primary: 'passphrase', secure: true } });
    expect(JSON.stringify(created)).not.toContain(PASSPHRASE);
    expect(events).toEqual(['connections.changed']);

    const added = await dispatch('connections.add', add('acme'));
    expect(added).toMatchObject({ ok: true });
    const id = (added as { result: { id: string } }).result.id;
    expect(await dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { connections: [{ id, ciphers: ['passphrase'] }] },
    });
    for (const name of ['vault.json', 'settings.json', 'connections.json']) {
      const text = readFileSync(join(home, name), 'utf8');
      expect(text, name).not.toContain(PASSPHRASE);
      expect(text, name).not.toContain(CLIENT_SECRET);
    }
    expect(keyring.entries.size).toBe(0);
  });

  it('vault.unlock at the next start: wrong passphrase is an error envelope without the passphrase; the right one unlocks', async () => {
    const first = await browserMode(unreachableKeyring());
    await first.dispatch('vault.createPassphrase', { passphrase: PASSPHRASE });
    await first.dispatch('connections.add', add('acme'));

    const { dispatch, events } = await browserMode(unreachableKeyring());
    expect(await dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { locked: true, passphrase: 'locked' },
    });
    const wrong = await dispatch('vault.unlock', { passphrase: 'not the passphrase at all' });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'wrong_passphrase',
        message: 'That is not the passphrase your Token Desk secrets are protected with.',
      },
    });
    expect(JSON.stringify(wrong)).not.toContain('not the passphrase at all');
    expect(events).toEqual([]);
    expect(await dispatch('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      result: { locked: false, passphrase: 'unlocked' },
    });
    expect(events).toEqual(['connections.changed']);
  });

  it('refuses malformed params before any handler runs', async () => {
    const { dispatch } = await browserMode(createMemoryKeyring());
    expect(await dispatch('vault.unlock', {})).toMatchObject({
      ok: false,
      error: { code: 'bad_params' },
    });
    expect(
      await dispatch('vault.createPassphrase', { passphrase: 'x'.repeat(2000) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_params' },
    });
    expect(await dispatch('vault.choose', { cipher: 'plaintext' })).toMatchObject({
      ok: false,
      error: { code: 'bad_params' },
    });
  });

  it('vault.choose keeps the choice for the next start', async () => {
    const { dispatch } = await browserMode(createMemoryKeyring());
    await dispatch('vault.createPassphrase', { passphrase: PASSPHRASE });
    expect(await dispatch('vault.choose', { cipher: 'keyring' })).toMatchObject({
      ok: true,
      result: { primary: 'keyring' },
    });
    const next = await browserMode(createMemoryKeyring());
    expect(await next.dispatch('vault.status', {})).toMatchObject({
      ok: true,
      result: { primary: 'keyring', locked: false, passphrase: 'locked' },
    });
  });

  it('vault.shareWithCli in browser mode: keyring-sealed connections need nothing; an unknown name is refused', async () => {
    const { dispatch } = await browserMode(createMemoryKeyring());
    await dispatch('connections.add', add('acme'));
    // The browser mode already seals with the CLI's keyring: nothing to re-seal.
    expect(await dispatch('vault.shareWithCli', {})).toMatchObject({
      ok: true,
      result: { shared: 0 },
    });
    expect(await dispatch('vault.shareWithCli', { name: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_connection' },
    });
  });
});
