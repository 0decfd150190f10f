// The Cipher port: how the vault turns a secret into ciphertext and back, whatever holds the key
// (the OS keyring, a passphrase, Electron's safeStorage). Also the table of known cipher ids, so
// that a value sealed by a cipher this program does not have can be reported by name: which
// program sealed it, and what to do.

import { TokenDeskError } from '../errors.js';

/**
 * A cipher's parameters kept in the vault file (key id, KDF salt, key-check value...). Plain JSON,
 * never secret: anything secret stays in the OS keyring, the passphrase, or the OS facility.
 */
export type CipherParams = Record<string, unknown>;

export interface DecryptResult {
  plain: string;
  /**
   * The value decrypted, but was sealed under older settings (a rotated OS key, an older key id):
   * the vault writes it again under the current ones.
   */
  reEncrypt: boolean;
}

/** A cipher bound to the vault's stored parameters, ready to seal and open values. */
export interface CipherSession {
  /** The parameters to keep in the vault file; the vault saves them when they changed. */
  readonly params: CipherParams;
  /**
   * Seals `plain`. `aad` (the envelope header plus service and account) is bound to the result, so
   * decrypting with another `aad` fails: values cannot be swapped between vault entries.
   */
  encrypt(plain: string, aad: string): Promise<string>;
  /** Opens a payload from encrypt(); a wrong key, tampering or another `aad` throws decrypt_failed. */
  decrypt(payload: string, aad: string): Promise<DecryptResult>;
}

/**
 * read: never creates anything; write: creates key material on first use; renew: fresh key
 * material replacing stale parameters (see needsRenewal), for a key that already protects values,
 * so rules that apply to new vaults only (a passphrase's minimum length) do not stop it.
 */
export type CipherPurpose = 'read' | 'write' | 'renew';

export interface Cipher {
  /** Short, stable id written into every envelope: 'keyring', 'passphrase', 'safestorage'. */
  readonly id: string;
  /** For the UI and CLI: where the key lives, e.g. "OS keyring (Secret Service)". */
  describe(): string;
  /**
   * Binds the cipher to the parameters it stored in the vault file earlier. For 'write', creates
   * key material when there is none yet (first use); for 'read', never creates anything. Throws a
   * TokenDeskError when the key cannot be reached (keyring_unavailable, wrong_passphrase,
   * weak_os_encryption...): the vault then writes nothing.
   */
  open(stored: CipherParams | undefined, purpose: CipherPurpose): Promise<CipherSession>;
  /**
   * Whether the stored parameters are weaker than what this cipher creates now (a passphrase
   * vault's older scrypt cost). The vault then seals every value of this cipher again under
   * fresh parameters (`open(undefined, 'renew')`), all at once, after a successful read. Reads
   * no key.
   */
  needsRenewal?(stored: CipherParams | undefined): boolean;
}

export interface CipherInfo {
  label: string;
  /**
   * Completes "The stored secret … was sealed …" when this cipher is not available here: which
   * program seals with it and who can open it.
   */
  sealedBy: string;
  /** What to do when a value sealed with this cipher is met where the cipher is not available. */
  remedy: string;
  /** The command-line form of the remedy (TokenDeskError.cliHint), printed by the CLI only. */
  cliHint?: string;
}

/** Every cipher id this version knows; an envelope naming another id is refused as unknown. */
export const KNOWN_CIPHERS: Readonly<Record<string, CipherInfo>> = {
  keyring: {
    label: 'the OS keyring',
    sealedBy:
      'with a key in the OS keyring (the token-desk command line\'s default, or the desktop app\'s "Shared with the command line")',
    remedy:
      'Open it with the OS keyring, on the machine and user account that stored it, ' +
      'or authorize the connection again to store it with the current cipher.',
    // The CLI lacks the keyring cipher only when a passphrase was chosen for the run.
    cliHint: 'unset TOKEN_DESK_PASSPHRASE',
  },
  passphrase: {
    label: 'a passphrase',
    sealedBy: 'with a Token Desk passphrase',
    remedy:
      'Unlock Token Desk with the passphrase that was used when it was stored, ' +
      'or authorize the connection again to store it with the current cipher.',
    cliHint: 'TOKEN_DESK_PASSPHRASE=<that passphrase>',
  },
  safestorage: {
    label: "the desktop app's OS encryption (Electron safeStorage)",
    sealedBy:
      'by the Token Desk desktop app with Electron safeStorage, which only the app can open (on the machine and user account that stored it)',
    remedy:
      'In the desktop app: Settings → Share with the command line, which re-seals the connection so the command line can open it. ' +
      'Or remove the connection here and add it again.',
  },
};

export function isKnownCipherId(id: string): boolean {
  return Object.hasOwn(KNOWN_CIPHERS, id);
}

export function cipherLabel(id: string): string {
  return isKnownCipherId(id) ? KNOWN_CIPHERS[id]!.label : `an unknown cipher ("${id}")`;
}

export type DecryptFailureReason =
  /** The key that sealed the value is gone (keyring entry deleted, another machine). */
  | 'key_missing'
  /** Authentication failed: wrong key, the value was changed, or it belongs to another entry. */
  | 'auth_failed'
  /** The payload is not in the shape this cipher writes. */
  | 'bad_payload';

/**
 * Thrown by ciphers when one value cannot be opened. The vault turns it into secret_unreadable
 * naming the entry; the cipher alone does not know which entry it is.
 */
export function decryptFailed(
  reason: DecryptFailureReason,
  message: string,
  cause?: unknown,
): TokenDeskError {
  return new TokenDeskError('decrypt_failed', message, {
    category: 'local',
    remedy: 'Authorize the connection again to store a fresh value.',
    details: { reason },
    cause,
  });
}

/** A cipher's settings in the vault file cannot be read back: the file is damaged. */
export function damagedCipherParams(message: string): TokenDeskError {
  return new TokenDeskError('vault_invalid', message, {
    category: 'local',
    remedy:
      'Restore the vault file from a backup, or move it aside and authorize your connections again.',
  });
}
