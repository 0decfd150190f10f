// The contract's methods on the vault: how the secrets are protected here (vault.status), the
// passphrase (set up, unlock), the choice of cipher, and re-sealing for the command line.

import * as z from 'zod/mini';
import { empty, name } from './contract-common.js';

/** The ciphers that can protect secrets (Electron safeStorage, the OS keyring, a passphrase). */
export const CIPHER_ID = z.enum(['safestorage', 'keyring', 'passphrase']);
export type CipherId = z.infer<typeof CIPHER_ID>;

/** How the secrets are protected here, and what the user may change (vault.status). No secret. */
export const vaultStatus = z.object({
  program: z.enum(['desktop', 'browser']),
  /** The cipher that seals new connections in this run. */
  primary: CIPHER_ID,
  description: z.string(),
  /** False: the cipher cannot protect secrets here, so nothing new is stored: offer the passphrase. */
  secure: z.boolean(),
  warning: z.optional(z.string()),
  /** The passphrase protects new connections but was not entered in this run: the unlock screen. */
  locked: z.boolean(),
  passphrase: z.enum(['none', 'locked', 'unlocked']),
  passphraseFromEnv: z.boolean(),
  passphraseMinLength: z.int().check(z.minimum(1)),
  choices: z.array(
    z.object({
      id: CIPHER_ID,
      label: z.string(),
      description: z.string(),
      available: z.boolean(),
      reason: z.optional(z.string()),
    }),
  ),
  /** Desktop app with a reachable OS keyring: connections can be re-sealed for the command line. */
  canShareWithCli: z.boolean(),
  /** The ciphers each connection's secrets are sealed with, by connection id. */
  connections: z.array(z.object({ id: z.string(), ciphers: z.array(z.string()) })),
});
export type VaultStatusView = z.infer<typeof vaultStatus>;

/** A passphrase travels renderer -> main only, in these params; no result or event carries it. */
const passphraseParams = z.strictObject({
  passphrase: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const vaultMethods = {
  'vault.status': { params: empty, result: vaultStatus },
  /** Sets up the passphrase cipher (the OS cannot protect secrets, or the user prefers it) for this run and later ones. */
  'vault.createPassphrase': { params: passphraseParams, result: vaultStatus },
  /** Enters the passphrase for this run; wrong_passphrase when it does not match. */
  'vault.unlock': { params: passphraseParams, result: vaultStatus },
  /** Chooses the cipher that seals new connections here. */
  'vault.choose': { params: z.strictObject({ cipher: CIPHER_ID }), result: vaultStatus },
  /** Re-seals one connection's secrets (or all) with the OS keyring, so the command line can use them. */
  'vault.shareWithCli': {
    params: z.strictObject({ name: z.optional(name) }),
    result: z.object({ shared: z.int().check(z.minimum(0)), status: vaultStatus }),
  },
} as const;
