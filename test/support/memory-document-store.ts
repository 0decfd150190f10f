// In-memory doubles for the DocumentStore and LockPort ports, shaped like the real adapters: a
// "disk" of JSON text that several store instances can share (like processes sharing a file), and
// a per-key lock that yields to the event loop before running its holder, so code that reads
// outside the lock really does race and lose writes in tests.

import type { DocumentStore, LockPort } from '../../main/core/ports.js';

/** Files by path, as JSON text. Share one disk between store instances to model two processes. */
export type MemoryDisk = Map<string, string>;

export function createMemoryDisk(): MemoryDisk {
  return new Map();
}

export interface MemoryDocumentStore extends DocumentStore {
  /** The raw text "on disk", for asserting what was written (e.g. that no secret is in it). */
  raw(): string | undefined;
  writes: number;
}

export function createMemoryDocumentStore(
  disk: MemoryDisk,
  path = '/home/user/.token-desk/doc.json',
): MemoryDocumentStore {
  const store: MemoryDocumentStore = {
    path,
    writes: 0,
    read() {
      const text = disk.get(path);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    async write(document) {
      disk.set(path, JSON.stringify(document, null, 2));
      store.writes += 1;
    },
    raw: () => disk.get(path),
  };
  return store;
}

export interface MemoryLock extends LockPort {
  /** Keys in the order they were acquired. */
  acquired: string[];
}

/** Serializes per key, like the file lock shared between processes when one instance is shared. */
export function createMemoryLock(): MemoryLock {
  const tails = new Map<string, Promise<void>>();
  const lock: MemoryLock = {
    acquired: [],
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      await previous;
      // A macrotask turn: other callers get to run (and to read, if they do so outside the lock).
      await new Promise<void>((resolve) => setImmediate(resolve));
      lock.acquired.push(key);
      try {
        return await fn();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
  return lock;
}
