// Settings' security section in plain words. The core describes each cipher technically (the
// CLI's `vault` output and the logs want "scrypt + AES-256-GCM", "Secret Service"); the window
// says what it means for the user, by cipher id, and keeps the technical line as a detail.

import type { CipherId } from '../../../../main/rpc/contract.js';

/** What protects the secrets now, in one sentence. */
export const ACTIVE_CIPHER_WORDS: Record<CipherId, string> = {
  safestorage:
    'Your client secrets and tokens are encrypted with a key your computer keeps for this app.',
  keyring:
    'Your client secrets and tokens are encrypted with a key kept in your computer’s password store, which the token-desk command line can use too.',
  passphrase:
    'Your client secrets and tokens are encrypted with a passphrase you choose. Token Desk asks for it each time it starts.',
};

/** What choosing each one means. */
export const CIPHER_CHOICE_WORDS: Record<CipherId, string> = {
  safestorage: 'Nothing to remember; only this app can read them.',
  keyring: 'Nothing to remember; the token-desk command line can use these connections too.',
  passphrase:
    'Works on any computer, even without a password store. Token Desk asks for it each time it starts.',
};
