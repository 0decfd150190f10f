import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTokenDeskError } from '../../../main/core/errors.js';
import {
  createElectronStoreDocument,
  type StoreFactory,
  type WrappedDocument,
} from '../../../main/electron/electron-store-document.js';

// electron-store is conf plus Electron's default folder; with `cwd` given, conf behaves the same.
const confFactory: StoreFactory = ({ name, ...options }) =>
  new Conf<WrappedDocument>({ ...options, configName: name });

let base: string;
let home: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'td-electron-store-'));
  home = join(base, 'home');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const open = (name = 'connections') =>
  createElectronStoreDocument({
    createStore: confFactory,
    home,
    name,
    now: () => Date.UTC(2025, 2, 1, 10, 0, 0),
  });

describe('electron-store document', () => {
  it('reads undefined before the first write', async () => {
    expect(open().read()).toBeUndefined();
  });

  it('round-trips any JSON document, a bare array included', async () => {
    const document = open();
    await document.write({ version: 1, connections: [{ id: 'a' }] });
    expect(document.read()).toEqual({ version: 1, connections: [{ id: 'a' }] });
    await document.write([1, 2]);
    expect(document.read()).toEqual([1, 2]);
    expect(JSON.parse(readFileSync(document.path, 'utf8'))).toEqual([1, 2]);
  });

  it('writes the file 0600 in a folder created 0700', async () => {
    const document = open();
    await document.write({ a: 1 });
    expect(document.path).toBe(join(home, 'connections.json'));
    expect(statSync(document.path).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('sees what another process wrote (every read goes to the file)', async () => {
    const mine = open();
    await mine.write({ n: 1 });
    await open().write({ n: 2 });
    expect(mine.read()).toEqual({ n: 2 });
  });

  it('keeps a corrupt file aside and reports store_corrupt, on read and on write', async () => {
    const document = open();
    await document.write({ n: 1 });
    writeFileSync(document.path, '{ not json');
    let code = '';
    try {
      document.read();
    } catch (error) {
      code = isTokenDeskError(error) ? `${error.code} ${String(error.details.backup)}` : 'untyped';
    }
    expect(code).toBe(
      `store_corrupt ${join(home, 'connections.corrupt-2025-03-01T10-00-00-000Z.json')}`,
    );
    expect(
      readFileSync(join(home, 'connections.corrupt-2025-03-01T10-00-00-000Z.json'), 'utf8'),
    ).toBe('{ not json');
    // The next change starts a new file.
    await document.write({ n: 2 });
    expect(document.read()).toEqual({ n: 2 });

    writeFileSync(document.path, 'garbage');
    await expect(open().write({ n: 3 })).rejects.toThrow(/not valid JSON/);
    expect(readdirSync(home).filter((f) => f.includes('.corrupt-'))).toHaveLength(2);
  });

  it('refuses to write undefined', async () => {
    await expect(open().write(undefined)).rejects.toThrow(TypeError);
  });
});
