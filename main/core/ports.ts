// Ports: the small interfaces through which core reaches anything environment-specific. Shells
// (CLI, Electron, browser mode) and tests build the adapters and pass them in.

/** Wall-clock time in milliseconds since the epoch. Tests pass a controllable clock. */
export interface Clock {
  now(): number;
}

/** Cryptographic randomness. */
export interface Random {
  bytes(length: number): Uint8Array;
}

/** The WHATWG fetch signature; Node's global fetch, Electron's net.fetch, or a test double. */
export type FetchPort = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Opens a URL in the user's system browser (never an embedded window). */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/** Puts text on the clipboard. */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** Waits; injected so tests control backoff without real sleeps. */
export type Sleep = (ms: number) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A mutual-exclusion lock that holds across processes (several `token-desk` runs at once) as well
 * as within one. `key` names what is locked (e.g. "store", "refresh-<connection id>").
 */
export interface LockPort {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * One JSON document on disk (the connection store, the vault file): whole-document reads and
 * atomic whole-document writes, mode 0600. The adapter reports a corrupt file as a TokenDeskError
 * after keeping it aside; it never replaces it silently.
 */
export interface DocumentStore {
  readonly path: string;
  /** The document, or undefined when the file does not exist yet. */
  read(): unknown;
  /** Resolves once the document is on disk. */
  write(document: unknown): Promise<void>;
}
