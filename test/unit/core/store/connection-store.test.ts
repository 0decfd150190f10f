import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../../main/core/store/connection.js';
import {
  createConnectionStore,
  STORE_LOCK_KEY,
} from '../../../../main/core/store/connection-store.js';
import { FakeClock, T0, makeConnection } from '../../../support/fakes.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
  type MemoryDisk,
} from '../../../support/memory-document-store.js';
import { rejection, thrown } from '../../../support/typed-errors.js';

const PATH = '/home/u/.token-desk/connections.json';

function setup(disk: MemoryDisk = createMemoryDisk(), lock = createMemoryLock()) {
  const clock = new FakeClock();
  const document = createMemoryDocumentStore(disk, PATH);
  const store = createConnectionStore({ document, lock, clock });
  return { disk, clock, document, lock, store };
}

const acme = makeConnection({ id: 'c-acme', name: 'Acme-CRM' });
const globex = makeConnection({
  id: 'c-globex',
  name: 'globex',
  dc: 'in',
  accountsUrl: 'https://accounts.zoho.in',
  apiDomain: 'https://www.zohoapis.in',
});

describe('connection store: CRUD', () => {
  it('starts empty, adds, lists and finds by id or case-insensitive name', async () => {
    const { store } = setup();
    expect(store.list()).toEqual([]);
    await store.add(acme);
    await store.add(globex);
    expect(store.list().map((c) => c.name)).toEqual(['Acme-CRM', 'globex']);
    expect(store.find('c-globex')?.name).toBe('globex');
    expect(store.find('acme-crm')?.id).toBe('c-acme');
    expect(store.find('ACME-CRM')?.id).toBe('c-acme');
    expect(store.find('nope')).toBeUndefined();
    expect(store.require('Globex').id).toBe('c-globex');
  });

  it('writes a versioned document and stamps updatedAt from the clock on every write', async () => {
    const { store, clock, document } = setup();
    clock.set(T0 + 1_000);
    expect((await store.add(acme)).updatedAt).toBe(T0 + 1_000);
    clock.set(T0 + 2_000);
    const updated = await store.update('c-acme', (c) => ({ ...c, status: 'needs-reauth' }));
    expect(updated).toMatchObject({
      status: 'needs-reauth',
      updatedAt: T0 + 2_000,
      createdAt: acme.createdAt,
    });
    expect(document.read()).toEqual({ version: 1, connections: [updated] });
  });

  it('removes by id and says whether anything was removed', async () => {
    const { store } = setup();
    await store.add(acme);
    await store.add(globex);
    await expect(store.remove('c-acme')).resolves.toBe(true);
    await expect(store.remove('c-acme')).resolves.toBe(false);
    expect(store.list().map((c) => c.id)).toEqual(['c-globex']);
  });

  it('hands out copies: changing a returned record changes nothing stored', async () => {
    const { store } = setup();
    await store.add(acme);
    const listed = store.list()[0]!;
    listed.name = 'mutated';
    listed.scopes.push('Evil.scope');
    expect(store.require('c-acme')).toMatchObject({ name: 'Acme-CRM', scopes: acme.scopes });
  });

  it('reads a v0 file (bare array) and writes it back as v1 on the next change', async () => {
    const disk = createMemoryDisk();
    disk.set(PATH, JSON.stringify([acme]));
    const { store, document } = setup(disk);
    expect(store.list()).toEqual([acme]);
    expect(disk.get(PATH)).toBe(JSON.stringify([acme])); // a read never rewrites
    await store.add(globex);
    expect(document.read()).toMatchObject({ version: 1, connections: [acme, { id: 'c-globex' }] });
  });
});

describe('connection store: errors', () => {
  it('refuses a duplicate name, compared without case, and writes nothing', async () => {
    const { store, document } = setup();
    await store.add(acme);
    const writes = document.writes;
    const error = await rejection(store.add(makeConnection({ id: 'c-other', name: 'ACME-crm' })));
    expect(error).toMatchObject({ code: 'duplicate_connection', category: 'input' });
    expect(error.message).toContain('Acme-CRM');
    expect(document.writes).toBe(writes);
  });

  it('refuses a rename onto another connection name', async () => {
    const { store } = setup();
    await store.add(acme);
    await store.add(globex);
    expect(
      (await rejection(store.update('c-globex', (c) => ({ ...c, name: 'acme-crm' })))).code,
    ).toBe('duplicate_connection');
    // Renaming to itself in another case is fine.
    await expect(
      store.update('c-acme', (c) => ({ ...c, name: 'ACME-CRM' })),
    ).resolves.toMatchObject({ name: 'ACME-CRM' });
  });

  it('reports an unknown connection listing the known names and pointing to token-desk list', async () => {
    const { store } = setup();
    await store.add(acme);
    await store.add(globex);
    const error = thrown(() => store.require('initech'));
    expect(error).toMatchObject({ code: 'unknown_connection', category: 'input' });
    expect(error.message).toContain('initech');
    expect(error.message).toContain('Acme-CRM, globex');
    // Shell-neutral remedy (the window shows it too); the CLI prints the command to run.
    expect(error.remedy).toBe('Use one of those names, exactly as listed.');
    expect(error.cliHint).toBe('token-desk list');
    expect(error.details.known).toEqual(['Acme-CRM', 'globex']);
    expect((await rejection(store.update('c-nope', (c) => c))).code).toBe('unknown_connection');
  });

  it('says so when there are no connections at all', () => {
    const { store } = setup();
    const error = thrown(() => store.require('x'));
    expect(error.message).toMatch(/no connections/);
    expect(error.remedy).toBe('Add the connection first.');
    expect(error.cliHint).toBe('token-desk list');
  });

  it('reports an invalid record by file, record and field, and rewrites nothing', async () => {
    const disk = createMemoryDisk();
    const broken = { ...globex, clientId: '' };
    const content = JSON.stringify({ version: 1, connections: [acme, broken] });
    disk.set(PATH, content);
    const { store } = setup(disk);
    const error = thrown(() => store.list());
    expect(error).toMatchObject({ code: 'store_invalid', category: 'local' });
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('connections[1].clientId');
    expect(error.message).toContain('"globex"');
    expect(error.details).toMatchObject({ path: PATH, field: 'connections[1].clientId', index: 1 });
    expect((await rejection(store.add(makeConnection({ id: 'c-new', name: 'new' })))).code).toBe(
      'store_invalid',
    );
    expect((await rejection(store.update('c-acme', (c) => c))).code).toBe('store_invalid');
    expect(disk.get(PATH)).toBe(content);
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const disk = createMemoryDisk();
    const content = JSON.stringify({ version: 9, connections: [] });
    disk.set(PATH, content);
    const { store } = setup(disk);
    expect(thrown(() => store.list()).code).toBe('store_newer_version');
    expect((await rejection(store.add(acme))).code).toBe('store_newer_version');
    expect(disk.get(PATH)).toBe(content);
  });

  it('refuses an invalid record from the caller, and a change of id', async () => {
    const { store, document } = setup();
    expect(await rejection(store.add({ ...acme, name: 'has spaces' } as Connection))).toMatchObject(
      { code: 'connection_invalid', category: 'input' },
    );
    await store.add(acme);
    const writes = document.writes;
    expect(
      (await rejection(store.update('c-acme', (c) => ({ ...c, apiDomain: 'not a url' })))).code,
    ).toBe('connection_invalid');
    expect((await rejection(store.update('c-acme', (c) => ({ ...c, id: 'c-stolen' })))).code).toBe(
      'connection_invalid',
    );
    expect(document.writes).toBe(writes);
  });
});

describe('connection store: concurrency', () => {
  it('does not lose updates from two store instances (two processes) on the same file', async () => {
    const disk = createMemoryDisk();
    const lock = createMemoryLock(); // stands in for the cross-process file lock
    const first = setup(disk, lock).store;
    const second = setup(disk, lock).store;
    await first.add(acme);
    await first.add(globex);

    const append = (store: typeof first, id: string, value: number) =>
      store.update(id, (c) => ({ ...c, refreshLog: [...c.refreshLog, value] }));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        append(first, 'c-acme', i),
        append(second, 'c-acme', 100 + i),
        append(second, 'c-globex', i),
      ]).flat(),
    );
    const stored = first.require('c-acme').refreshLog;
    expect(stored).toHaveLength(40);
    expect(new Set(stored).size).toBe(40);
    expect(second.require('c-globex').refreshLog).toHaveLength(20);
    expect(lock.acquired.every((key) => key === STORE_LOCK_KEY)).toBe(true);
  });

  it('adds from two instances at once keep both and still refuse the duplicate', async () => {
    const disk = createMemoryDisk();
    const lock = createMemoryLock();
    const first = setup(disk, lock).store;
    const second = setup(disk, lock).store;
    const results = await Promise.allSettled([
      first.add(acme),
      second.add(globex),
      second.add(makeConnection({ id: 'c-dup', name: 'acme-crm' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(first.list().map((c) => c.id)).toEqual(['c-acme', 'c-globex']);
  });
});
