import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '../../../../main/core/errors.js';
import {
  ENVELOPE_VERSION,
  envelopeAad,
  formatEnvelope,
  parseEnvelope,
} from '../../../../main/core/vault/envelope.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError);
    return (error as TokenDeskError).code;
  }
  return undefined;
}

describe('envelope', () => {
  it('formats as td1:<cipherId>:<payload> and parses back, keeping colons in the payload', () => {
    const text = formatEnvelope('keyring', 'abc:def.ghi');
    expect(text).toBe('td1:keyring:abc:def.ghi');
    expect(parseEnvelope(text)).toEqual({
      version: ENVELOPE_VERSION,
      cipherId: 'keyring',
      payload: 'abc:def.ghi',
    });
  });

  it('refuses a version it does not know with envelope_unsupported', () => {
    expect(codeOf(() => parseEnvelope('td2:keyring:payload'))).toBe('envelope_unsupported');
  });

  it('refuses a cipher id it does not know with envelope_unknown_cipher', () => {
    expect(codeOf(() => parseEnvelope('td1:rot13:payload'))).toBe('envelope_unknown_cipher');
  });

  it.each([
    '',
    'plain text secret',
    'td1:keyring',
    'td1:keyring:',
    'td1::payload',
    '$01:abc',
    'td1:Key Ring:x',
  ])('refuses %j as envelope_invalid', (text) => {
    expect(codeOf(() => parseEnvelope(text))).toBe('envelope_invalid');
  });

  it('never formats an envelope with an invalid cipher id', () => {
    expect(codeOf(() => formatEnvelope('bad:id', 'x'))).toBe('envelope_invalid');
  });

  it('binds header, service and account into distinct additional data', () => {
    expect(envelopeAad('keyring', 'a', 'b:c')).not.toBe(envelopeAad('keyring', 'a:b', 'c'));
    expect(envelopeAad('keyring', 's', 'a')).not.toBe(envelopeAad('passphrase', 's', 'a'));
    expect(envelopeAad('keyring', 's', 'a')).toBe(envelopeAad('keyring', 's', 'a'));
  });
});
