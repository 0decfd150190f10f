// The one rule for a vault passphrase's length, shared by the core (the passphrase cipher and the
// window's "set up a passphrase"), and the renderer's passphrase form, so that the window, the
// browser mode and TOKEN_DESK_PASSPHRASE accept and refuse the same passphrases.

/** The shortest passphrase that may protect a new vault, in characters (Unicode code points). */
export const PASSPHRASE_MIN_LENGTH = 10;

/**
 * A passphrase's length as the user counts it: code points after NFC normalization (the form the
 * key is derived from), so "é" typed composed or decomposed, or an emoji, is one character.
 */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

/** Whether `passphrase` is long enough to protect a new vault. */
export function passphraseLongEnough(passphrase: string): boolean {
  return passphraseLength(passphrase) >= PASSPHRASE_MIN_LENGTH;
}
