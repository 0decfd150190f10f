import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeChallengeS256,
  constantTimeEqual,
  createCodeVerifier,
  createPkcePair,
  createState,
} from '../../../../main/core/auth/pkce.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe('PKCE', () => {
  it('makes a 43-character base64url verifier from 32 random bytes', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toHaveLength(43);
    expect(verifier).toMatch(BASE64URL);
  });

  it('uses the injected randomness', () => {
    const fixed = { bytes: (n: number) => new Uint8Array(n).fill(7) };
    expect(createCodeVerifier(fixed)).toBe(Buffer.alloc(32, 7).toString('base64url'));
    expect(createState(fixed)).toBe(Buffer.alloc(32, 7).toString('base64url'));
  });

  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('pairs a verifier with its own challenge', () => {
    const pair = createPkcePair();
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
    expect(pair.challenge).not.toBe(pair.verifier);
  });

  it('never repeats a verifier or a state', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      seen.add(createCodeVerifier());
      seen.add(createState());
    }
    expect(seen.size).toBe(400);
  });

  it('makes a 43-character base64url state', () => {
    const state = createState();
    expect(state).toHaveLength(43);
    expect(state).toMatch(BASE64URL);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('é', 'é')).toBe(true);
  });

  it('is false for different lengths without throwing', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    // Same character count, different byte length.
    expect(constantTimeEqual('é', 'e')).toBe(false);
  });
});
