// The core's DocumentStore on electron-store: the same adapter the CLI uses
// (main/platform/node/json-document-store.ts: one JSON file in the Token Desk home, re-read on
// every access, atomic 0600 writes, a corrupt file kept aside and reported), with electron-store
// in place of conf. electron-store is reached through a factory, so tests use `conf` (its base
// class) without Electron.

import type { DocumentStore } from '../core/ports.js';
import { createJsonDocumentStore, type WrappedStore, type WrappedStoreOptions } from '../platform/node/json-document-store.js';

export type DocumentStoreOptions = WrappedStoreOptions;
export type StoreLike = WrappedStore;
export interface WrappedDocument {
  document?: unknown;
}

/** `(options) => new ElectronStore(options)` in the app. */
export type StoreFactory = (options: DocumentStoreOptions) => StoreLike;

export interface ElectronStoreDocumentOptions {
  createStore: StoreFactory;
  /** The Token Desk home folder; created (mode 0700) if missing. */
  home: string;
  /** File name without extension: 'connections', 'vault', 'settings', 'history'. */
  name: string;
  now?: () => number;
}

export function createElectronStoreDocument(options: ElectronStoreDocumentOptions): DocumentStore {
  return createJsonDocumentStore(options);
}
