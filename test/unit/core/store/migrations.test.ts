import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  migrateStoreDocument,
  STORE_VERSION,
  type StoreMigration,
} from '../../../../main/core/store/migrations.js';

const PATH = '/home/u/.token-desk/connections.json';

function failure(action: () => unknown): TokenDeskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError);
    return error as TokenDeskError;
  }
  throw new Error('expected a failure');
}

describe('connections document migrations', () => {
  it('starts an empty current document when there is no file', () => {
    expect(migrateStoreDocument(undefined, PATH)).toEqual({
      version: STORE_VERSION,
      connections: [],
      migratedFrom: STORE_VERSION,
    });
  });

  it('brings a v0 bare array to v1', () => {
    const records = [{ id: 'a' }, { id: 'b' }];
    expect(migrateStoreDocument(records, PATH)).toEqual({
      version: 1,
      connections: records,
      migratedFrom: 0,
    });
  });

  it('brings a v0 { connections } without a version to v1', () => {
    expect(migrateStoreDocument({ connections: [{ id: 'a' }] }, PATH)).toEqual({
      version: 1,
      connections: [{ id: 'a' }],
      migratedFrom: 0,
    });
    expect(migrateStoreDocument({}, PATH)).toEqual({
      version: 1,
      connections: [],
      migratedFrom: 0,
    });
  });

  it('leaves a current document as it is', () => {
    expect(migrateStoreDocument({ version: 1, connections: [{ id: 'a' }] }, PATH)).toEqual({
      version: 1,
      connections: [{ id: 'a' }],
      migratedFrom: 1,
    });
  });

  it('refuses a document from a newer version, naming the file and both versions', () => {
    const error = failure(() => migrateStoreDocument({ version: 7, connections: [] }, PATH));
    expect(error.code).toBe('store_newer_version');
    expect(error.category).toBe('local');
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('7');
    expect(error.remedy).toMatch(/Update Token Desk/);
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['a non-list connections', { version: 1, connections: { a: 1 } }],
    ['a text version', { version: '1', connections: [] }],
    ['a negative version', { version: -1, connections: [] }],
  ])('refuses %s as store_invalid naming the file', (_what, raw) => {
    const error = failure(() => migrateStoreDocument(raw, PATH));
    expect(error.code).toBe('store_invalid');
    expect(error.message).toContain(PATH);
  });

  it('runs the steps in order, one version at a time', () => {
    const seen: number[] = [];
    const steps: StoreMigration[] = [
      {
        from: 1,
        describe: 'second',
        migrate: (d) => (
          seen.push(1),
          { version: 2, connections: d.connections.map((c) => ({ ...(c as object), two: true })) }
        ),
      },
      {
        from: 0,
        describe: 'first',
        migrate: (d) => (seen.push(0), { version: 1, connections: d.connections }),
      },
    ];
    expect(migrateStoreDocument([{ id: 'a' }], PATH, steps, 2)).toEqual({
      version: 2,
      connections: [{ id: 'a', two: true }],
      migratedFrom: 0,
    });
    expect(seen).toEqual([0, 1]);
  });

  it('refuses a version it has no step for', () => {
    expect(
      failure(() => migrateStoreDocument({ version: 1, connections: [] }, PATH, [], 3)).code,
    ).toBe('store_invalid');
  });
});
