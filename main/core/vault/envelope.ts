// The versioned ciphertext envelope stored for every vault value: `td1:<cipherId>:<payload>`.
// The version prefix lets the format change later (as Bruno's `$00:`/`$01:` do) and the cipher id
// says which cipher can open the payload, so switching ciphers is reported, never mis-decrypted.
// The header is also bound into the AES-GCM additional data, so it cannot be edited unnoticed.

import { TokenDeskError } from '../errors.js';
import { cipherLabel, isKnownCipherId } from './cipher.js';

export const ENVELOPE_VERSION = 'td1';

const CIPHER_ID_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const VERSION_PATTERN = /^td(\d{1,4})$/;

export interface Envelope {
  version: typeof ENVELOPE_VERSION;
  cipherId: string;
  payload: string;
}

export function formatEnvelope(cipherId: string, payload: string): string {
  if (!CIPHER_ID_PATTERN.test(cipherId)) {
    // A programming error, but still typed: the vault must never write an envelope it cannot read.
    throw new TokenDeskError('envelope_invalid', `"${cipherId}" is not a valid cipher id.`, {
      category: 'local',
      remedy: 'This is a bug in Token Desk; please report it.',
    });
  }
  return `${ENVELOPE_VERSION}:${cipherId}:${payload}`;
}

/** Parses an envelope; unknown versions and cipher ids are typed errors, never guesses. */
export function parseEnvelope(text: string): Envelope {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (first < 0 || second < 0) {
    throw envelopeError('envelope_invalid', 'The stored value is not a Token Desk envelope.');
  }
  const version = text.slice(0, first);
  const cipherId = text.slice(first + 1, second);
  const payload = text.slice(second + 1);
  const versionMatch = VERSION_PATTERN.exec(version);
  if (!versionMatch) {
    throw envelopeError('envelope_invalid', 'The stored value is not a Token Desk envelope.');
  }
  if (version !== ENVELOPE_VERSION) {
    throw new TokenDeskError(
      'envelope_unsupported',
      `The stored value uses envelope format ${version}, which this version of Token Desk does not know (it reads ${ENVELOPE_VERSION}).`,
      {
        category: 'local',
        remedy: 'Update Token Desk to the version that wrote it.',
        details: { version },
      },
    );
  }
  if (!CIPHER_ID_PATTERN.test(cipherId) || payload === '') {
    throw envelopeError('envelope_invalid', 'The stored value is a damaged Token Desk envelope.');
  }
  if (!isKnownCipherId(cipherId)) {
    throw new TokenDeskError(
      'envelope_unknown_cipher',
      `The stored value was encrypted by ${cipherLabel(cipherId)}, which this version of Token Desk does not know.`,
      {
        category: 'local',
        remedy: 'Update Token Desk, or authorize the connection again.',
        details: { cipherId },
      },
    );
  }
  return { version: ENVELOPE_VERSION, cipherId, payload };
}

/**
 * The additional authenticated data for one entry: envelope header + service + account. NUL
 * separators cannot occur in the parts' meaning, so ("a", "b:c") and ("a:b", "c") differ.
 */
export function envelopeAad(cipherId: string, service: string, account: string): string {
  return [ENVELOPE_VERSION, cipherId, service, account].join('\u0000');
}

function envelopeError(code: string, message: string): TokenDeskError {
  return new TokenDeskError(code, message, {
    category: 'local',
    remedy: 'Authorize the connection again to store a fresh value.',
  });
}
