// AES-256-GCM sealing for the vault's own ciphers (keyring and passphrase). Every value gets a
// fresh random 96-bit IV from node:crypto (never a fixed or derived one), the 128-bit tag is
// always checked at its full length, and optional additional data binds a value to its entry.
// Randomness deliberately comes from node:crypto, not the Random port: a test double must never
// be able to weaken an IV or a key.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decryptFailed } from './cipher.js';

export const AES_KEY_BYTES = 32;
export const AES_GCM_IV_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;

/** A fresh random 256-bit key. */
export function generateAesKey(): Buffer {
  return randomBytes(AES_KEY_BYTES);
}

/** Seals `plain`; the result is base64url(iv || ciphertext || tag). */
export function sealAesGcm(key: Uint8Array, plain: string, aad?: string): string {
  assertKey(key);
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: AES_GCM_TAG_BYTES });
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens a value from sealAesGcm; a wrong key, a changed byte or another `aad` throws decrypt_failed. */
export function openAesGcm(key: Uint8Array, sealed: string, aad?: string): string {
  assertKey(key);
  const bytes = Buffer.from(sealed, 'base64url');
  // Buffer.from ignores stray characters; re-encoding catches a payload that is not base64url.
  if (
    bytes.length < AES_GCM_IV_BYTES + AES_GCM_TAG_BYTES ||
    bytes.toString('base64url') !== sealed
  ) {
    throw decryptFailed(
      'bad_payload',
      'The encrypted value is damaged (wrong length or encoding).',
    );
  }
  const iv = bytes.subarray(0, AES_GCM_IV_BYTES);
  const tag = bytes.subarray(bytes.length - AES_GCM_TAG_BYTES);
  const body = bytes.subarray(AES_GCM_IV_BYTES, bytes.length - AES_GCM_TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: AES_GCM_TAG_BYTES });
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch (error) {
    throw decryptFailed(
      'auth_failed',
      'The encrypted value did not authenticate: the key is not the one that sealed it, or the value was changed.',
      error,
    );
  }
}

function assertKey(key: Uint8Array): void {
  if (key.length !== AES_KEY_BYTES) {
    throw decryptFailed(
      'key_missing',
      `The vault key has ${key.length} bytes instead of ${AES_KEY_BYTES}.`,
    );
  }
}
