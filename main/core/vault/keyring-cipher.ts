// The keyring cipher: AES-256-GCM under a random 256-bit key that lives in the OS keyring (Secret
// Service, macOS Keychain, Windows Credential Manager), never on disk. The key's keyring account
// carries a random key id kept in the vault file, so two Token Desk homes on one machine each have
// their own key. Each payload names the key id that sealed it, so a vault whose key was lost can
// start a new key for new values while old values are reported as unreadable, not mis-decrypted.

import { randomBytes } from 'node:crypto';
import { TokenDeskError, isTokenDeskError } from '../errors.js';
import { AES_KEY_BYTES, generateAesKey, openAesGcm, sealAesGcm } from './aes-gcm.js';
import { damagedCipherParams, decryptFailed } from './cipher.js';
import type { Cipher, CipherParams, CipherPurpose, CipherSession } from './cipher.js';

/** The OS keyring as the keyring cipher needs it. Implementations throw keyring_unavailable. */
export interface KeyringPort {
  /** Where the key lives, for the UI: e.g. "OS keyring (Secret Service)". */
  readonly label?: string;
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, value: string): Promise<void>;
  /** True if an entry was deleted, false if there was none. */
  delete(service: string, account: string): Promise<boolean>;
}

export const KEYRING_CIPHER_ID = 'keyring';
/** The keyring service that vault keys are stored under. */
export const DEFAULT_KEYRING_SERVICE = 'token-desk';

const KEY_ID_PATTERN = /^[a-f0-9]{24}$/;

/** The keyring account that holds the vault key with this id. */
export function keyringKeyAccount(keyId: string): string {
  return `vault-key-${keyId}`;
}

export interface KeyringUnavailableOptions {
  /**
   * What the keyring library said (a D-Bus error, say): for whoever diagnoses it, so it goes in
   * `details.technical` only, never in the message a non-developer reads.
   */
  technical?: string;
  /** Which keyring, for the message: "Secret Service", "macOS Keychain". */
  system?: string;
  /** A plain-language reason Token Desk itself determined, e.g. "it did not keep the new key". */
  why?: string;
  cause?: unknown;
}

/** The one error for "the OS keyring cannot be used", with the way out. */
export function keyringUnavailableError(options: KeyringUnavailableOptions = {}): TokenDeskError {
  const which = options.system ? ` (${options.system})` : '';
  return new TokenDeskError(
    'keyring_unavailable',
    options.why
      ? `Token Desk could not use your system's keyring${which}: ${options.why}.`
      : `Token Desk could not reach your system's keyring${which}, so it cannot open the key that protects your secrets.`,
    {
      category: 'local',
      remedy:
        'Unlock your keyring, or sign in to a desktop session that has one (on Linux: gnome-keyring or KWallet), ' +
        'then try again. Or protect your secrets with a passphrase instead.',
      // The command line's ways to do that: a passphrase from the environment, or a keyring
      // started by hand where there is no desktop session.
      cliHint:
        'TOKEN_DESK_PASSPHRASE=<passphrase>, or on a Linux machine without a desktop: ' +
        'dbus-run-session with gnome-keyring-daemon --unlock',
      details: options.technical ? { technical: options.technical } : {},
      cause: options.cause,
    },
  );
}

/** The library's text of a failure, kept for details. */
function technicalText(error: unknown): string | undefined {
  return error instanceof Error ? error.message : undefined;
}

/** The keyring account the reachability probe looks up; it never holds anything. */
export const KEYRING_PROBE_ACCOUNT = 'reachability-probe';

/**
 * Whether the OS keyring answers at all (a D-Bus session, a Secret Service, an unlocked
 * collection): one look-up of an entry that does not exist. Undefined when it answers, else the
 * keyring_unavailable error saying why. Stores nothing, reads no key.
 */
export async function probeKeyring(
  keyring: KeyringPort,
  service: string = DEFAULT_KEYRING_SERVICE,
): Promise<TokenDeskError | undefined> {
  try {
    await keyring.get(service, KEYRING_PROBE_ACCOUNT);
    return undefined;
  } catch (error) {
    if (isTokenDeskError(error)) return error;
    return keyringUnavailableError({ technical: technicalText(error), cause: error });
  }
}

export interface KeyringCipherOptions {
  keyring: KeyringPort;
  /** Keyring service for the vault key; tests pass a unique one. */
  service?: string;
}

export function createKeyringCipher(options: KeyringCipherOptions): Cipher {
  const { keyring } = options;
  const service = options.service ?? DEFAULT_KEYRING_SERVICE;

  // Any failure of the port that is not already typed means the keyring could not be used.
  const guard = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (isTokenDeskError(error)) throw error;
      throw keyringUnavailableError({ technical: technicalText(error), cause: error });
    }
  };

  const loadKey = async (keyId: string): Promise<Buffer | null> => {
    const stored = await guard(() => keyring.get(service, keyringKeyAccount(keyId)));
    if (stored === null) return null;
    const key = Buffer.from(stored, 'base64');
    // Someone else's value under our account name is treated as "our key is gone", not used.
    return key.length === AES_KEY_BYTES ? key : null;
  };

  const createKey = async (): Promise<{ keyId: string; key: Buffer }> => {
    const keyId = randomBytes(12).toString('hex');
    const key = generateAesKey();
    const encoded = key.toString('base64');
    const account = keyringKeyAccount(keyId);
    await guard(() => keyring.set(service, account, encoded));
    // Some backends accept a write and keep nothing (no default collection, a session-only
    // store); a key that does not read back would make every value unreadable later.
    const readBack = await guard(() => keyring.get(service, account));
    if (readBack !== encoded) {
      throw keyringUnavailableError({ why: 'it accepted the new vault key but did not keep it' });
    }
    return { keyId, key };
  };

  return {
    id: KEYRING_CIPHER_ID,
    describe: () => keyring.label ?? 'OS keyring',

    async open(stored: CipherParams | undefined, purpose: CipherPurpose): Promise<CipherSession> {
      const storedKeyId = parseParams(stored);
      const keys = new Map<string, Buffer>();
      let currentKeyId = storedKeyId;

      if (purpose === 'write') {
        const existing = storedKeyId === undefined ? null : await loadKey(storedKeyId);
        if (existing) {
          keys.set(storedKeyId!, existing);
        } else {
          // First use, or the key was removed from the keyring: new values get a new key; values
          // sealed under the lost key stay in the file and are reported as unreadable.
          const created = await createKey();
          currentKeyId = created.keyId;
          keys.set(created.keyId, created.key);
        }
      }

      const keyFor = async (keyId: string): Promise<Buffer | null> => {
        const cached = keys.get(keyId);
        if (cached) return cached;
        const loaded = await loadKey(keyId);
        if (loaded) keys.set(keyId, loaded);
        return loaded;
      };

      return {
        params: currentKeyId === undefined ? {} : { keyId: currentKeyId },
        async encrypt(plain, aad) {
          const key = currentKeyId === undefined ? undefined : keys.get(currentKeyId);
          if (currentKeyId === undefined || !key) {
            throw new TokenDeskError(
              'vault_not_writable',
              'The keyring cipher was opened for reading only.',
              {
                category: 'local',
                remedy: 'This is a bug in Token Desk; please report it.',
              },
            );
          }
          return `${currentKeyId}.${sealAesGcm(key, plain, aad)}`;
        },
        async decrypt(payload, aad) {
          const dot = payload.indexOf('.');
          const keyId = dot < 0 ? '' : payload.slice(0, dot);
          if (!KEY_ID_PATTERN.test(keyId)) {
            throw decryptFailed(
              'bad_payload',
              'The encrypted value does not name the key that sealed it.',
            );
          }
          const key = await keyFor(keyId);
          if (!key) {
            throw decryptFailed(
              'key_missing',
              `The key that encrypted this value (vault key ${keyId}) is not in the OS keyring any more.`,
            );
          }
          const plain = openAesGcm(key, payload.slice(dot + 1), aad);
          return { plain, reEncrypt: currentKeyId !== undefined && keyId !== currentKeyId };
        },
      };
    },
  };
}

function parseParams(stored: CipherParams | undefined): string | undefined {
  if (stored === undefined || stored.keyId === undefined) return undefined;
  if (typeof stored.keyId !== 'string' || !KEY_ID_PATTERN.test(stored.keyId)) {
    throw damagedCipherParams("The vault file's keyring settings are damaged (keyId).");
  }
  return stored.keyId;
}
