// Which ciphers protect the secrets in one program with a window (the desktop app, the browser
// mode), and the user's say in it: the status the window shows, the passphrase offered when the
// OS cannot protect secrets (set up, or typed at start to unlock), the choice of the cipher that
// seals new connections (kept in the settings document; never the passphrase), and "Share with
// the command line" (re-seal connections with the OS-keyring cipher the CLI uses).
//
// The vault always holds every cipher this program has, the chosen one first: the OS ciphers the
// shell offers, plus the passphrase (a locked stand-in until it is typed), so a connection keeps
// working whichever cipher sealed it. TOKEN_DESK_PASSPHRASE still works as in the CLI: it selects
// the passphrase for the run and the window cannot change that.

import { passphraseLongEnough } from '../../vocabulary/passphrase.js';
import { TokenDeskError, inputError } from '../errors.js';
import type { DocumentStore, LockPort } from '../ports.js';
import type { Cipher } from './cipher.js';
import { createEncryptedVault, type EncryptedVault } from './encrypted-vault.js';
import {
  createKeyringCipher,
  DEFAULT_KEYRING_SERVICE,
  probeKeyring,
  type KeyringPort,
} from './keyring-cipher.js';
import {
  createLockedPassphraseCipher,
  createPassphraseCipher,
  PASSPHRASE_CIPHER_ID,
  PASSPHRASE_MIN_LENGTH,
  passphraseTooShort,
  type ScryptCost,
} from './passphrase-cipher.js';

export type VaultCipherId = 'safestorage' | 'keyring' | 'passphrase';
export type VaultProgram = 'desktop' | 'browser';

/** An OS cipher the shell offers, with its words for the Settings choice. */
export interface OsCipherOption {
  id: Exclude<VaultCipherId, 'passphrase'>;
  /** The choice as the user reads it, e.g. "This app only (Electron safeStorage)". */
  label: string;
  cipher: Cipher;
  /**
   * Whether it can protect secrets here now: undefined if so, else why not in plain language with
   * the way out (basic_text, a locked Keychain, no Secret Service).
   */
  problem(): Promise<string | undefined>;
}

/** Where the user's choice is kept (the settings document). */
export interface CipherChoicePort {
  get(): VaultCipherId | undefined;
  set(id: VaultCipherId): Promise<void>;
}

export interface VaultControlOptions {
  program: VaultProgram;
  document: DocumentStore;
  lock: LockPort;
  /** The OS ciphers, the default first (desktop: safeStorage, then the OS keyring; browser: the OS keyring). */
  osCiphers: readonly OsCipherOption[];
  choice: CipherChoicePort;
  /** TOKEN_DESK_PASSPHRASE, if set. */
  envPassphrase?: string;
  /** scrypt cost for a new passphrase vault (tests pass a cheap one). */
  passphraseCost?: ScryptCost;
}

export interface CipherChoiceStatus {
  id: VaultCipherId;
  label: string;
  description: string;
  /** Can be chosen now. */
  available: boolean;
  /** Why not, when it cannot. */
  reason?: string;
}

export interface VaultStatus {
  program: VaultProgram;
  /** The cipher that seals new connections in this run. */
  primary: VaultCipherId;
  /** Where its key lives, for the UI. */
  description: string;
  /** False: the primary cannot protect secrets here (nothing new can be stored): offer the passphrase. */
  secure: boolean;
  /** Why not, in plain language with the way out. */
  warning?: string;
  /** The passphrase protects new connections but has not been typed in this run: ask first. */
  locked: boolean;
  /** none: never set up in this vault; locked: set up, not typed in this run; unlocked: usable. */
  passphrase: 'none' | 'locked' | 'unlocked';
  passphraseFromEnv: boolean;
  passphraseMinLength: number;
  choices: CipherChoiceStatus[];
  /** The OS keyring answers, so connections can be re-sealed for the command line (desktop only). */
  canShareWithCli: boolean;
}

export interface VaultControl {
  readonly vault: EncryptedVault;
  status(): Promise<VaultStatus>;
  /** Sets up the passphrase (or accepts the existing one), makes it seal new connections, records the choice. */
  createPassphrase(passphrase: string): Promise<void>;
  /** Checks the passphrase against the vault's key check and uses it for this run. */
  unlock(passphrase: string): Promise<void>;
  /** Makes `id` seal new connections and records the choice. */
  choose(id: VaultCipherId): Promise<void>;
  /**
   * Re-seals every connection's secrets, or only those of `connectionId`, with the OS-keyring
   * cipher. Returns the ids of the connections re-sealed.
   */
  shareConnectionsWithCommandLine(connectionId?: string): Promise<string[]>;
  /**
   * Re-seals the selected entries with the OS-keyring cipher. Returns those re-sealed.
   * @deprecated Use shareConnectionsWithCommandLine: callers need not know the vault's entry names.
   */
  shareWithCommandLine(
    select: (service: string, account: string) => boolean,
  ): Promise<Array<{ service: string; account: string }>>;
}

const PASSPHRASE_LABEL = 'A passphrase you choose';

const KEYRING_WAYS_OUT =
  'Protect your secrets with a passphrase instead, or unlock or install an OS keyring ' +
  '(on Linux: gnome-keyring or KWallet in your desktop session) and restart Token Desk.';

/** The OS-keyring cipher as a choice: the CLI's cipher, so what it seals the CLI can open. */
export function keyringCipherOption(options: {
  keyring: KeyringPort;
  /** Keyring service of the vault keys (default 'token-desk', as the CLI); tests pass their own. */
  service?: string;
  label: string;
}): OsCipherOption {
  const service = options.service ?? DEFAULT_KEYRING_SERVICE;
  return {
    id: 'keyring',
    label: options.label,
    cipher: createKeyringCipher({ keyring: options.keyring, service }),
    async problem() {
      const error = await probeKeyring(options.keyring, service);
      return error ? `${error.message} ${KEYRING_WAYS_OUT}` : undefined;
    },
  };
}

export function createVaultControl(options: VaultControlOptions): VaultControl {
  const { program, osCiphers, choice } = options;
  if (osCiphers.length === 0) {
    throw new TokenDeskError('vault_no_cipher', 'No OS cipher was given to the vault.', {
      category: 'local',
      remedy: 'This is a bug in Token Desk; please report it.',
    });
  }
  const ciphers = createCipherState(options);
  const vault = createEncryptedVault({
    document: options.document,
    lock: options.lock,
    ciphers: ciphers.ordered(),
  });
  const apply = () => vault.setCiphers(ciphers.ordered());
  const passphraseSetUp = () => vault.hasCipherParams(PASSPHRASE_CIPHER_ID);

  const refuseUnderEnv = () => {
    if (ciphers.fromEnv) {
      throw inputError(
        'passphrase_from_env',
        'TOKEN_DESK_PASSPHRASE is set, so this run of Token Desk uses that passphrase.',
        'Start Token Desk without TOKEN_DESK_PASSPHRASE to choose how your secrets are protected here.',
      );
    }
  };

  const typedCipher = (text: string) =>
    createPassphraseCipher({ passphrase: text, cost: options.passphraseCost, source: 'typed' });

  return {
    vault,

    status: () =>
      describeStatus({
        program,
        osCiphers,
        primary: ciphers.primaryId,
        passphrase: () => ciphers.passphrase,
        locked: ciphers.locked,
        fromEnv: ciphers.fromEnv,
        passphraseSetUp,
      }),

    async createPassphrase(text) {
      refuseUnderEnv();
      // Checked here too (not only when the cipher creates a key): choosing a passphrase in the
      // window is choosing a new one, even when the vault already has one set up.
      if (!passphraseLongEnough(text)) throw passphraseTooShort(true);
      const cipher = typedCipher(text);
      // Writes the salt and key check now, so the next start can tell a wrong passphrase. If the
      // vault has a passphrase already, this checks the new one against it (wrong_passphrase).
      await vault.prepareCipher(cipher);
      ciphers.passphrase = cipher;
      await choice.set('passphrase');
      apply();
    },

    async unlock(text) {
      refuseUnderEnv();
      if (!passphraseSetUp()) {
        throw inputError(
          'passphrase_not_set',
          'No passphrase has been set up for these secrets yet.',
          'Choose "Protect secrets with a passphrase" to set one up.',
        );
      }
      const cipher = typedCipher(text);
      await vault.checkCipher(cipher);
      ciphers.passphrase = cipher;
      apply();
    },

    async choose(id) {
      refuseUnderEnv();
      if (id === 'passphrase') assertPassphraseKnown(ciphers.passphrase, passphraseSetUp);
      else await assertUsableOsCipher(ciphers.option(id), id);
      await choice.set(id);
      apply();
    },

    async shareConnectionsWithCommandLine(connectionId) {
      const keyring = await usableKeyring(ciphers.option('keyring'));
      return vault.resealConnections(keyring.cipher.id, connectionId);
    },

    async shareWithCommandLine(select) {
      const keyring = await usableKeyring(ciphers.option('keyring'));
      return vault.reseal(keyring.cipher.id, select);
    },
  };
}

/** The ciphers of one run: the OS ciphers, and the passphrase's (a locked stand-in until typed). */
interface CipherState {
  /** TOKEN_DESK_PASSPHRASE chose the passphrase for this run. */
  readonly fromEnv: boolean;
  /** The stand-in passphrase cipher while the passphrase is not known. */
  readonly locked: Cipher;
  /** The passphrase cipher once the passphrase is known in this run. */
  passphrase: Cipher | undefined;
  option(id: VaultCipherId): OsCipherOption | undefined;
  /** The cipher that seals new connections: the environment's passphrase, the choice, or the default. */
  primaryId(): VaultCipherId;
  /** Every cipher, the primary first: the vault's cipher list. */
  ordered(): Cipher[];
}

function createCipherState(options: VaultControlOptions): CipherState {
  const { osCiphers, choice } = options;
  const envPassphrase = options.envPassphrase ? options.envPassphrase : undefined;
  const fromEnv = envPassphrase
    ? createPassphraseCipher({ passphrase: envPassphrase, cost: options.passphraseCost })
    : undefined;
  const option = (id: VaultCipherId) => osCiphers.find((o) => o.id === id);
  const primaryId = (): VaultCipherId => {
    if (fromEnv) return 'passphrase';
    const chosen = choice.get();
    if (chosen === 'passphrase' || (chosen && option(chosen))) return chosen;
    return osCiphers[0]!.id;
  };
  const state: CipherState = {
    fromEnv: fromEnv !== undefined,
    locked: createLockedPassphraseCipher(),
    passphrase: fromEnv,
    option,
    primaryId,
    ordered() {
      const all = [...osCiphers.map((o) => o.cipher), state.passphrase ?? state.locked];
      const first = primaryId();
      return [...all.filter((c) => c.id === first), ...all.filter((c) => c.id !== first)];
    },
  };
  return state;
}

/** Choosing the passphrase needs it typed (or set up) in this run first. */
function assertPassphraseKnown(passphrase: Cipher | undefined, setUp: () => boolean): void {
  if (!passphrase) {
    throw inputError(
      'passphrase_needed',
      setUp() ? 'Enter your passphrase first.' : 'Set up a passphrase first.',
      'Use the passphrase form, then choose it again.',
    );
  }
}

/** The status the window shows: the primary cipher, whether it protects secrets here, the choices. */
async function describeStatus(state: {
  program: VaultProgram;
  osCiphers: readonly OsCipherOption[];
  primary: () => VaultCipherId;
  /** The passphrase cipher, once the passphrase is known in this run. */
  passphrase: () => Cipher | undefined;
  /** The stand-in passphrase cipher while it is not. */
  locked: Cipher;
  fromEnv: boolean;
  passphraseSetUp: () => boolean;
}): Promise<VaultStatus> {
  const { program, osCiphers, locked, fromEnv } = state;
  const option = (id: VaultCipherId) => osCiphers.find((o) => o.id === id);
  const problems = new Map<VaultCipherId, string | undefined>();
  for (const o of osCiphers) problems.set(o.id, await o.problem());
  // Read after the probes: the user may have unlocked or chosen meanwhile.
  const primary = state.primary();
  const passphrase = state.passphrase();
  const passphraseState = passphrase ? 'unlocked' : state.passphraseSetUp() ? 'locked' : 'none';
  const warning = primary === 'passphrase' ? undefined : problems.get(primary);
  const keyring = option('keyring');
  return {
    program,
    primary,
    description:
      primary === 'passphrase'
        ? (passphrase ?? locked).describe()
        : option(primary)!.cipher.describe(),
    secure: warning === undefined,
    ...(warning === undefined ? {} : { warning }),
    locked: primary === 'passphrase' && !passphrase,
    passphrase: passphraseState,
    passphraseFromEnv: fromEnv,
    passphraseMinLength: PASSPHRASE_MIN_LENGTH,
    choices: [
      ...osCiphers.map((o) => {
        const reason = problems.get(o.id);
        return {
          id: o.id,
          label: o.label,
          description: o.cipher.describe(),
          available: reason === undefined && !fromEnv,
          ...(reason === undefined ? {} : { reason }),
        };
      }),
      {
        id: 'passphrase' as const,
        label: PASSPHRASE_LABEL,
        description: 'scrypt + AES-256-GCM; Token Desk asks for it each time it starts',
        available: !fromEnv,
      },
    ],
    // Only where this program seals with a cipher the CLI lacks (the desktop's safeStorage):
    // a window whose OS cipher is the CLI's own keyring already shares everything it can.
    canShareWithCli:
      osCiphers.some((o) => o.id !== 'keyring') &&
      keyring !== undefined &&
      problems.get('keyring') === undefined,
  };
}

/** Refuses an OS cipher this program does not offer, or one that cannot protect secrets now. */
async function assertUsableOsCipher(
  offered: OsCipherOption | undefined,
  id: VaultCipherId,
): Promise<void> {
  if (!offered) {
    throw inputError(
      'cipher_not_offered',
      `This program cannot protect secrets with ${id}.`,
      'Choose one of the options listed in Settings.',
    );
  }
  const problem = await offered.problem();
  if (problem !== undefined) {
    throw new TokenDeskError('cipher_unavailable', problem, {
      category: 'local',
      remedy: 'Choose another option, or fix the cause and restart Token Desk.',
      details: { cipherId: id },
    });
  }
}

/** The OS-keyring option when it answers: the command line's cipher, to share connections with. */
async function usableKeyring(keyring: OsCipherOption | undefined): Promise<OsCipherOption> {
  if (!keyring) {
    throw inputError(
      'cipher_not_offered',
      'This program cannot reach the OS keyring, so it cannot share connections with the command line.',
      'Use the Token Desk desktop app on a machine with an OS keyring.',
    );
  }
  const problem = await keyring.problem();
  if (problem !== undefined) {
    throw new TokenDeskError('keyring_unavailable', problem, {
      category: 'local',
      remedy:
        'Unlock or install the OS keyring (on Linux: gnome-keyring or KWallet), then try again. Nothing was changed.',
    });
  }
  return keyring;
}
