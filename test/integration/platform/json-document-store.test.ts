import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonDocumentStore } from '../../../main/platform/node/json-document-store.js';
import { rejection, thrown } from '../../support/typed-errors.js';

let root: string;
let home: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'td-docstore-'));
  home = join(root, 'nested', 'home');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('json document store (atomic writer)', () => {
  it('reads undefined before the first write, then round-trips any JSON document', async () => {
    const store = createJsonDocumentStore({ home, name: 'connections' });
    expect(store.path).toBe(join(home, 'connections.json'));
    expect(store.read()).toBeUndefined();
    const document = { version: 1, connections: [{ id: 'a', nested: { list: [1, 'two', null] } }] };
    await store.write(document);
    expect(store.read()).toEqual(document);
    // A bare array (the v0 connections format) survives too, as the bare JSON earlier versions wrote.
    await store.write([{ id: 'a' }]);
    expect(store.read()).toEqual([{ id: 'a' }]);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual([{ id: 'a' }]);
  });

  it('creates the home folder 0700 and the file 0600, also over a file that was 0644', async () => {
    const store = createJsonDocumentStore({ home, name: 'vault' });
    await store.write({ a: 1 });
    expect(mode(home)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
    chmodSync(store.path, 0o644);
    await store.write({ a: 2 });
    expect(mode(store.path)).toBe(0o600);
  });

  it('writes whole documents atomically: concurrent writes leave one complete document and no temporary file', async () => {
    const store = createJsonDocumentStore({ home, name: 'history' });
    const documents = Array.from({ length: 8 }, (_, n) => ({ n, list: Array(500).fill(n) }));
    await Promise.all(documents.map((document) => store.write(document)));
    expect(documents).toContainEqual(store.read());
    expect(readdirSync(home)).toEqual(['history.json']);
    expect(mode(store.path)).toBe(0o600);
  });

  it("sees another process's write on the next read", async () => {
    const store = createJsonDocumentStore({ home, name: 'connections' });
    await store.write({ version: 1, connections: [] });
    expect(store.read()).toEqual({ version: 1, connections: [] });
    writeFileSync(
      store.path,
      JSON.stringify({ version: 1, connections: [{ id: 'from-elsewhere' }] }),
    );
    expect(store.read()).toEqual({ version: 1, connections: [{ id: 'from-elsewhere' }] });
    // And a second instance (another process) sees this one's writes.
    await store.write({ version: 1, connections: [{ id: 'mine' }] });
    expect(createJsonDocumentStore({ home, name: 'connections' }).read()).toEqual({
      version: 1,
      connections: [{ id: 'mine' }],
    });
  });

  it('moves a file that is not JSON aside, keeps it, and reports where', async () => {
    const store = createJsonDocumentStore({
      home,
      name: 'connections',
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6),
    });
    await store.write({ version: 1, connections: [] });
    const damaged = '{"version": 1, "connections": [ {"id": "half-writ';
    writeFileSync(store.path, damaged);

    const error = thrown(() => store.read());
    const backup = join(home, 'connections.corrupt-2025-01-02T03-04-05-006Z.json');
    expect(error).toMatchObject({ code: 'store_corrupt', category: 'local' });
    expect(error.message).toContain(store.path);
    expect(error.message).toContain(backup);
    expect(error.remedy).toContain(backup);
    expect(error.details).toMatchObject({ path: store.path, backup });
    expect(readFileSync(backup, 'utf8')).toBe(damaged);
    expect(mode(backup)).toBe(0o600);
    expect(existsSync(store.path)).toBe(false);
    // The store goes on (empty) and the backup stays.
    expect(store.read()).toBeUndefined();
    await store.write({ version: 1, connections: [] });
    expect(readFileSync(backup, 'utf8')).toBe(damaged);
  });

  it('never overwrites a corrupt file unseen: a write reports it and keeps the backup', async () => {
    const store = createJsonDocumentStore({ home, name: 'vault', now: () => 0 });
    await store.write({ a: 1 });
    writeFileSync(store.path, 'not json at all');
    expect((await rejection(store.write({ a: 2 }))).code).toBe('store_corrupt');
    const backups = readdirSync(home).filter((name) => name.startsWith('vault.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(home, backups[0]!), 'utf8')).toBe('not json at all');
  });

  it('reports a corrupt file found when the store is first opened, and keeps two backups apart', async () => {
    const store = () => createJsonDocumentStore({ home, name: 'connections', now: () => 0 });
    await store().write({});
    writeFileSync(join(home, 'connections.json'), '\u0000\u0001garbage');
    expect(thrown(() => store().read()).code).toBe('store_corrupt');
    writeFileSync(join(home, 'connections.json'), 'garbage again');
    expect(thrown(() => store().read()).code).toBe('store_corrupt');
    expect(
      readdirSync(home)
        .filter((name) => name.startsWith('connections.corrupt-'))
        .sort(),
    ).toEqual([
      'connections.corrupt-1970-01-01T00-00-00-000Z-2.json',
      'connections.corrupt-1970-01-01T00-00-00-000Z.json',
    ]);
  });
});
