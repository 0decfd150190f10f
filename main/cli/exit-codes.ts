// The CLI's exit codes, part of its public contract (README): scripts branch on them.

import type { ErrorCategory, TokenDeskError } from '../core/errors.js';

export const EXIT = {
  ok: 0,
  usage: 2,
  needsAuthorization: 3,
  refused: 4,
  network: 5,
  /** A bug in Token Desk, outside the contract. */
  unexpected: 1,
} as const;

export function exitCodeFor(category: ErrorCategory): number {
  switch (category) {
    case 'input':
    case 'local':
      return EXIT.usage;
    case 'auth':
      return EXIT.needsAuthorization;
    case 'refused':
      return EXIT.refused;
    case 'network':
      return EXIT.network;
  }
}

/**
 * The exit code for an error. A lock timeout is local, but for a script it is a transient
 * failure like a network one (another process was busy): try again, so exit 5, not 2.
 */
export function exitCodeForError(error: Pick<TokenDeskError, 'code' | 'category'>): number {
  if (error.code === 'lock_timeout') return EXIT.network;
  return exitCodeFor(error.category);
}
