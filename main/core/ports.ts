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

/** One HTTP request that reached the loopback listener: only what the receiver looks at. */
export interface LoopbackRequest {
  readonly method: string;
  /** The request target as the browser sent it: path and query (never log it: it holds the code). */
  readonly url: string;
}

/** The whole answer to one request; the listener adds content-length and sends it. */
export interface LoopbackResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** Listening on one loopback address and port. */
export interface LoopbackListener {
  /** The port actually listened on (the system's pick when 0 was asked for). */
  readonly port: number;
  /**
   * Stops accepting connections, lets the answers being sent finish, then ends every connection
   * (idle browser sockets too). Resolves once nothing is left open, so the port is free again.
   */
  close(): Promise<void>;
}

/**
 * An HTTP server on this computer's loopback interface, for the OAuth redirect (RFC 8252). It only
 * moves bytes: which requests count, what to answer and when to stop is the loopback receiver's.
 */
export interface LoopbackListenerPort {
  /**
   * Listens on `address` (127.x.x.x, or ::1 for IPv6 only) and `port` (0: the system picks),
   * exclusively (not shared with another process), answering every request with `handle`
   * until closed. Rejects with the system's error, whose `code` says why (EADDRINUSE, EACCES,
   * EADDRNOTAVAIL, EAFNOSUPPORT...).
   */
  listen(options: {
    address: string;
    port: number;
    handle(request: LoopbackRequest): LoopbackResponse;
  }): Promise<LoopbackListener>;
}
