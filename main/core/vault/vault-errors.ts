// The vault's errors, each with its cause and the user's way out. Messages name the entry (service
// and account, a connection id and a secret kind) and the file, never a value.

import { TokenDeskError, isTokenDeskError } from '../errors.js';
import { KNOWN_CIPHERS, cipherLabel, type DecryptFailureReason } from './cipher.js';

const REPORT_BUG = 'This is a bug in Token Desk; please report it.';

const UNREADABLE_REMEDIES: Record<DecryptFailureReason, string> = {
  key_missing:
    'Restore the OS keyring entry that held the vault key (e.g. from a backup of your keyring), or authorize the connection again to store a fresh value.',
  auth_failed:
    'Authorize the connection again to store a fresh value. If you restored files from a backup, restore the vault file and its keyring together.',
  bad_payload: 'Authorize the connection again to store a fresh value.',
};

/** A stored value that cannot be opened (damaged envelope, wrong key, tampering). */
export function secretUnreadableError(
  service: string,
  account: string,
  path: string,
  cause: unknown,
): TokenDeskError {
  const reason =
    isTokenDeskError(cause) && typeof cause.details.reason === 'string'
      ? (cause.details.reason as DecryptFailureReason)
      : undefined;
  const why = isTokenDeskError(cause) ? cause.message : 'it could not be decrypted.';
  const remedy =
    (reason && UNREADABLE_REMEDIES[reason]) ??
    (isTokenDeskError(cause) ? cause.remedy : UNREADABLE_REMEDIES.auth_failed);
  return new TokenDeskError(
    'secret_unreadable',
    `The stored secret "${account}" (service "${service}") in ${path} cannot be read: ${why}`,
    {
      category: 'local',
      remedy,
      details: {
        service,
        account,
        path,
        ...(reason ? { reason } : {}),
        ...(isTokenDeskError(cause) ? { causeCode: cause.code } : {}),
      },
      cause,
    },
  );
}

/** A value sealed by a cipher this program does not have: which program sealed it, what to do. */
export function otherCipherError(
  service: string,
  account: string,
  storedWith: string,
  activeCipherId: string,
): TokenDeskError {
  const info = KNOWN_CIPHERS[storedWith];
  const sealed = info
    ? `was sealed ${info.sealedBy}`
    : `was sealed with ${cipherLabel(storedWith)}`;
  return new TokenDeskError(
    'secret_unreadable',
    `The stored secret "${account}" (service "${service}") ${sealed}; Token Desk here uses ${cipherLabel(activeCipherId)}.`,
    {
      category: 'local',
      remedy:
        info?.remedy ?? 'Update Token Desk, or authorize the connection again to store it anew.',
      cliHint: info?.cliHint,
      details: {
        service,
        account,
        reason: 'other_cipher',
        storedWith,
        activeCipher: activeCipherId,
      },
    },
  );
}

export function invalidVaultError(path: string, what: string): TokenDeskError {
  return new TokenDeskError('vault_invalid', `The vault file ${path} cannot be used: ${what}.`, {
    category: 'local',
    remedy:
      'Restore the file from a backup, or move it aside and authorize your connections again. Token Desk has not changed it.',
    details: { path },
  });
}

export function vaultNewerVersionError(
  path: string,
  version: number,
  readsUpTo: number,
): TokenDeskError {
  return new TokenDeskError(
    'vault_newer_version',
    `The vault file ${path} was written by a newer version of Token Desk (vault format ${version}; this version reads up to ${readsUpTo}).`,
    {
      category: 'local',
      remedy: 'Update Token Desk. The file was not changed.',
      details: { path, version },
    },
  );
}

export function cipherNotAvailableError(cipherId: string): TokenDeskError {
  return new TokenDeskError(
    'cipher_not_available',
    `Token Desk cannot seal secrets with ${cipherLabel(cipherId)} here.`,
    { category: 'local', remedy: REPORT_BUG, details: { cipherId } },
  );
}

/** The cipher list given to a vault is empty or names one cipher twice (a wiring bug). */
export function assertCipherSet(ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new TokenDeskError('vault_no_cipher', 'The vault was given no cipher.', {
      category: 'local',
      remedy: REPORT_BUG,
    });
  }
  if (new Set(ids).size !== ids.length) {
    throw new TokenDeskError('vault_duplicate_cipher', 'The vault was given one cipher twice.', {
      category: 'local',
      remedy: REPORT_BUG,
    });
  }
}

export function assertVaultName(what: 'service' | 'account', value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw new TokenDeskError('vault_invalid_name', `A vault ${what} name must be non-empty text.`, {
      category: 'input',
      remedy: REPORT_BUG,
    });
  }
}

export function assertVaultValue(value: unknown): void {
  if (typeof value !== 'string') {
    throw new TokenDeskError('vault_invalid_value', 'Only text can be stored in the vault.', {
      category: 'input',
      remedy: REPORT_BUG,
    });
  }
}
