// The passphrase cipher, for headless machines without an OS keyring: AES-256-GCM under a key
// derived with scrypt from the user's passphrase and a random per-vault salt. The salt, the scrypt
// cost and a key-check value are kept in the vault file, so a wrong passphrase is reported as
// wrong_passphrase before anything is decrypted (never garbage, never a crash). The derived key is
// cached in memory for the life of this cipher (once per process), never written anywhere.
//
// A vault whose stored cost is below this program's (an older Token Desk's N=2^15) still opens;
// needsRenewal() tells the vault so, and the vault then seals every passphrase value again under a
// fresh salt and the current cost, in one atomic write (encrypted-vault.ts renewCipher).

import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PASSPHRASE_MIN_LENGTH, passphraseLongEnough } from '../../vocabulary/passphrase.js';
import { TokenDeskError, inputError } from '../errors.js';
import { AES_KEY_BYTES, openAesGcm, sealAesGcm } from './aes-gcm.js';
import { damagedCipherParams, decryptFailed } from './cipher.js';
import type { Cipher, CipherParams, CipherPurpose, CipherSession } from './cipher.js';

export const PASSPHRASE_CIPHER_ID = 'passphrase';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * The cost of a new vault, and the floor an existing one is raised to at its next unlock: OWASP's
 * Password Storage Cheat Sheet gives N=2^17, r=8, p=1 as scrypt's minimum configuration
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt).
 * 128*N*r = 128 MiB of memory and about 0.3-0.7 s, once per process that reads a secret.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** The cost Token Desk used before 0.1 (N=2^15): such vaults are re-sealed at their next unlock. */
export const LEGACY_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

// Bounds for costs read from a file: keep a damaged or hostile file from asking for gigabytes.
const MIN_LOG2_N = 10;
const MAX_LOG2_N = 20;
const MAX_MEMORY = 256 * 1024 * 1024;
const SALT_BYTES = 16;
const CHECK_LABEL = 'token-desk passphrase key check v1';

interface PassphraseParams extends ScryptCost {
  kdf: 'scrypt';
  salt: string;
  check: string;
}

export interface PassphraseCipherOptions {
  passphrase: string;
  /** Cost for a NEW vault; an existing vault keeps the cost stored in its file. */
  cost?: ScryptCost;
  /**
   * Where the passphrase came from, for the words of errors: the TOKEN_DESK_PASSPHRASE variable
   * (default), or typed into the desktop app or browser mode.
   */
  source?: 'env' | 'typed';
}

/** The shortest passphrase that may protect a new vault (the one rule: main/vocabulary). */
export { PASSPHRASE_MIN_LENGTH };

export function createPassphraseCipher(options: PassphraseCipherOptions): Cipher {
  // NFC so that the same passphrase typed on macOS and Linux derives the same key.
  const passphrase = options.passphrase.normalize('NFC');
  const typed = options.source === 'typed';
  if (passphrase === '') {
    throw inputError(
      'passphrase_empty',
      'The vault passphrase is empty.',
      typed
        ? 'Type your passphrase.'
        : 'Set TOKEN_DESK_PASSPHRASE to a non-empty passphrase, or unset it to use the OS keyring.',
    );
  }
  const newCost = options.cost ?? DEFAULT_SCRYPT_COST;
  assertCost(newCost);
  const derived = new Map<string, Promise<Buffer>>();

  const deriveKey = (salt: Buffer, cost: ScryptCost): Promise<Buffer> => {
    const cacheKey = `${salt.toString('base64url')}:${cost.N}:${cost.r}:${cost.p}`;
    let pending = derived.get(cacheKey);
    if (!pending) {
      pending = new Promise<Buffer>((resolve, reject) => {
        // Node refuses scrypt above maxmem (32 MiB by default) and needs 128*N*r bytes plus a
        // little: 128 MiB at N=2^17, r=8. Twice that, so Node's own bookkeeping always fits;
        // costIsSane() has already capped what a file may ask for.
        const maxmem = 2 * 128 * cost.N * cost.r + 128 * cost.r * cost.p + 1024 * 1024;
        scrypt(passphrase, salt, AES_KEY_BYTES, { ...cost, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      });
      derived.set(cacheKey, pending);
      pending.catch(() => derived.delete(cacheKey));
    }
    return pending;
  };

  return {
    id: PASSPHRASE_CIPHER_ID,
    describe: () =>
      typed
        ? 'Your passphrase (scrypt + AES-256-GCM)'
        : 'Passphrase (TOKEN_DESK_PASSPHRASE, scrypt + AES-256-GCM)',

    needsRenewal(stored: CipherParams | undefined): boolean {
      if (stored === undefined || Object.keys(stored).length === 0) return false;
      const { N, r, p } = stored;
      if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') return false;
      // Work and memory both grow with N*r (p only multiplies time): weaker than ours is renewed.
      return N * r < newCost.N * newCost.r || N * r * p < newCost.N * newCost.r * newCost.p;
    },

    async open(stored: CipherParams | undefined, purpose: CipherPurpose): Promise<CipherSession> {
      let params: PassphraseParams;
      let key: Buffer;
      if (purpose === 'renew' || stored === undefined || Object.keys(stored).length === 0) {
        if (purpose === 'read') {
          throw decryptFailed(
            'key_missing',
            'The vault file has no passphrase settings (salt), so no value sealed with a passphrase can be opened.',
          );
        }
        // Only a new vault's key is refused for a short passphrase: one made by an older version,
        // which allowed them, must still open, or its secrets would be lost.
        if (purpose === 'write' && !passphraseLongEnough(passphrase)) {
          throw passphraseTooShort(typed);
        }
        const salt = randomBytes(SALT_BYTES);
        key = await deriveKey(salt, newCost);
        params = {
          kdf: 'scrypt',
          ...newCost,
          salt: salt.toString('base64url'),
          check: keyCheck(key),
        };
      } else {
        params = parseParams(stored);
        key = await deriveKey(Buffer.from(params.salt, 'base64url'), params);
        const expected = Buffer.from(params.check, 'base64url');
        const actual = Buffer.from(keyCheck(key), 'base64url');
        if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
          throw wrongPassphrase(typed);
        }
      }
      return {
        params: { ...params },
        encrypt: async (plain, aad) => sealAesGcm(key, plain, aad),
        decrypt: async (payload, aad) => ({
          plain: openAesGcm(key, payload, aad),
          reEncrypt: false,
        }),
      };
    },
  };
}

/** A passphrase under PASSPHRASE_MIN_LENGTH offered for a new vault. */
export function passphraseTooShort(typed: boolean): TokenDeskError {
  return typed
    ? inputError(
        'passphrase_too_short',
        `The passphrase is shorter than ${PASSPHRASE_MIN_LENGTH} characters.`,
        `Choose a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters; a few unrelated words are easy to remember and hard to guess.`,
      )
    : inputError(
        'passphrase_too_short',
        `TOKEN_DESK_PASSPHRASE is shorter than ${PASSPHRASE_MIN_LENGTH} characters, too short to protect a new vault.`,
        `Set TOKEN_DESK_PASSPHRASE to at least ${PASSPHRASE_MIN_LENGTH} characters (a few unrelated words), or unset it to use the OS keyring.`,
      );
}

function wrongPassphrase(typed: boolean): TokenDeskError {
  if (typed) {
    return new TokenDeskError(
      'wrong_passphrase',
      'That is not the passphrase your Token Desk secrets are protected with.',
      {
        category: 'local',
        remedy:
          'Check for typing mistakes and Caps Lock, then try again. If the passphrase is lost, the secrets it protects ' +
          'cannot be recovered: move the vault file aside and authorize your connections again.',
      },
    );
  }
  return new TokenDeskError(
    'wrong_passphrase',
    'The passphrase in TOKEN_DESK_PASSPHRASE is not the one this vault was created with.',
    {
      category: 'local',
      remedy:
        'Set TOKEN_DESK_PASSPHRASE to the passphrase you used before (or unset it if your secrets are in the OS keyring). ' +
        'If the passphrase is lost, move the vault file aside and authorize your connections again.',
    },
  );
}

/**
 * Stands in for the passphrase cipher until the user has typed the passphrase in this run (the
 * desktop app and browser mode ask for it at start when it protects new connections). Opening it
 * says so; nothing is sealed or opened with it.
 */
export function createLockedPassphraseCipher(): Cipher {
  return {
    id: PASSPHRASE_CIPHER_ID,
    describe: () => 'Your passphrase (not entered yet)',
    async open(): Promise<CipherSession> {
      throw new TokenDeskError(
        'vault_locked',
        'Token Desk is locked: your secrets are protected with a passphrase, and it has not been entered since Token Desk started.',
        {
          category: 'local',
          remedy:
            'Enter your passphrase in the Token Desk window (the unlock screen, or Settings), then try again.',
        },
      );
    },
  };
}

/** A value that confirms the key without revealing it: HMAC-SHA256(key, fixed label). */
function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update(CHECK_LABEL).digest('base64url');
}

function parseParams(stored: CipherParams): PassphraseParams {
  const { kdf, N, r, p, salt, check } = stored;
  const valid =
    kdf === 'scrypt' &&
    typeof N === 'number' &&
    typeof r === 'number' &&
    typeof p === 'number' &&
    typeof salt === 'string' &&
    Buffer.from(salt, 'base64url').length >= SALT_BYTES &&
    typeof check === 'string' &&
    check.length > 0 &&
    costIsSane({ N, r, p });
  if (!valid) {
    throw damagedCipherParams(
      "The vault file's passphrase settings (salt, cost or key check) are damaged.",
    );
  }
  return {
    kdf,
    N: N as number,
    r: r as number,
    p: p as number,
    salt: salt as string,
    check: check as string,
  };
}

function costIsSane({ N, r, p }: ScryptCost): boolean {
  const log2N = Math.log2(N);
  return (
    Number.isInteger(log2N) &&
    log2N >= MIN_LOG2_N &&
    log2N <= MAX_LOG2_N &&
    Number.isInteger(r) &&
    r >= 1 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r <= MAX_MEMORY
  );
}

function assertCost(cost: ScryptCost): void {
  if (!costIsSane(cost)) {
    throw new TokenDeskError(
      'invalid_scrypt_cost',
      `The scrypt cost N=${cost.N}, r=${cost.r}, p=${cost.p} is out of range.`,
      {
        category: 'local',
        remedy: 'Use a power-of-two N between 2^10 and 2^20 and a memory need under 256 MiB.',
      },
    );
  }
}
