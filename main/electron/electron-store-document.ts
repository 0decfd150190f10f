// The desktop app's preferences document (settings.json) on electron-store, kept for that one
// document; the connections, the vault and the history use the atomic writer every shell shares
// (main/platform/node/json-document-store.ts). Reads, the corrupt-file backup and the file format
// are that adapter's (the bare document as JSON, as every earlier version wrote it); electron-store
// only writes. It is reached through a factory, so tests use `conf` (its base class) without
// Electron. electron-store wants an object at the root; the serializer wraps the document in
// `{ document }` and writes the bare document, so the file stays what the other shells read.

import { mkdirSync } from 'node:fs';
import type { DocumentStore } from '../core/ports.js';
import {
  createJsonDocumentStore,
  serializeDocument,
} from '../platform/node/json-document-store.js';

export interface WrappedDocument {
  document?: unknown;
}

/** The electron-store (conf) options this adapter sets. */
export type DocumentStoreOptions = {
  cwd: string;
  configName: string;
  /** electron-store names the file with `name` where conf uses `configName`. */
  name: string;
  fileExtension: 'json';
  configFileMode: number;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
  watch: false;
  serialize(value: WrappedDocument): string;
  deserialize(text: string): WrappedDocument;
};

/** What the adapter needs of an electron-store (or conf) instance. */
export interface StoreLike {
  store: WrappedDocument;
}

/** `(options) => new ElectronStore(options)` in the app. */
export type StoreFactory = (options: DocumentStoreOptions) => StoreLike;

export interface ElectronStoreDocumentOptions {
  createStore: StoreFactory;
  /** The Token Desk home folder; created (mode 0700) if missing. */
  home: string;
  /** File name without extension ('settings'). */
  name: string;
  now?: () => number;
}

export function createElectronStoreDocument(options: ElectronStoreDocumentOptions): DocumentStore {
  const { home, name } = options;
  let store: StoreLike | undefined;
  // Created on the first write: electron-store reads the file in its constructor, and the
  // adapter's read (done before every write) has reported a corrupt file by then.
  const open = (): StoreLike =>
    (store ??= options.createStore({
      cwd: home,
      configName: name,
      name,
      fileExtension: 'json',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      serialize: (value) => {
        if (!('document' in value)) throw new Error('electron-store-document: nothing to write');
        return serializeDocument(value.document);
      },
      deserialize: (text) => ({ document: JSON.parse(text) as unknown }),
    }));
  return createJsonDocumentStore({
    home,
    name,
    now: options.now,
    persist: async (_path, document) => {
      mkdirSync(home, { recursive: true, mode: 0o700 });
      open().store = { document };
    },
  });
}
