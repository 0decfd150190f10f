// Typed errors for the whole core. Each error is created where its cause is known and carries a
// stable `code`, a plain-language `message` (what happened) and a `remedy` (what to do next). The
// edges (CLI, rpc) show them once; nothing below them formats or logs errors. Messages never
// contain a secret.
//
// The remedy is shell-neutral ("Authorize the connection again"): the same error reaches the
// desktop app, the browser mode and the command line. What to type at the command line goes in
// `cliHint`, which only the CLI prints.

/** What kind of failure this is; the CLI maps it to an exit code, the UI to a tone. */
export type ErrorCategory =
  /** Bad arguments or input the user can fix (CLI exit 2). */
  | 'input'
  /** The connection needs (re-)authorization (CLI exit 3). */
  | 'auth'
  /** Zoho (or the authorization server) refused: client, secret, scope, throttle (CLI exit 4). */
  | 'refused'
  /** Network, timeout, or a server failure (CLI exit 5). */
  | 'network'
  /** Local environment: vault, keyring, store file (CLI exit 2 unless said otherwise). */
  | 'local';

export interface TokenDeskErrorOptions {
  remedy: string;
  category: ErrorCategory;
  /**
   * The command-line form of the remedy, printed by the CLI only: a command to run
   * (`token-desk authorize acme`) or the options to use (`--dc eu`). Never a secret.
   */
  cliHint?: string;
  /** Extra facts for the UI, never secrets (e.g. retryAt, port, missing scope). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class TokenDeskError extends Error {
  readonly code: string;
  readonly remedy: string;
  readonly category: ErrorCategory;
  readonly cliHint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: TokenDeskErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TokenDeskError';
    this.code = code;
    this.remedy = options.remedy;
    this.category = options.category;
    this.cliHint = options.cliHint;
    this.details = options.details ?? {};
  }

  /** One line, shell-neutral: cause, then remedy. */
  toLine(): string {
    return `${this.message} ${this.remedy}`.trim();
  }

  /** The same error with one more sentence of remedy (and extra details); the code stays. */
  withRemedyNote(note: string, details: Record<string, unknown> = {}): TokenDeskError {
    return new TokenDeskError(this.code, this.message, {
      remedy: `${this.remedy} ${note}`.trim(),
      category: this.category,
      cliHint: this.cliHint,
      details: { ...this.details, ...details },
      cause: this.cause,
    });
  }
}

export function isTokenDeskError(value: unknown): value is TokenDeskError {
  return value instanceof TokenDeskError;
}

/** Shorthand constructors for the common categories. */
export const inputError = (
  code: string,
  message: string,
  remedy: string,
  details?: Record<string, unknown>,
  cliHint?: string,
) => new TokenDeskError(code, message, { remedy, category: 'input', details, cliHint });
