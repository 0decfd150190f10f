// The per-attempt secrets of a browser authorization: the PKCE verifier and its S256 challenge
// (RFC 7636), the `state` value, and the constant-time comparison used to check `state`.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Random } from '../ports.js';

export const nodeRandom: Random = { bytes: (length) => randomBytes(length) };

export interface PkcePair {
  /** 43 characters of base64url (32 random bytes); stays on this computer until the exchange. */
  verifier: string;
  /** base64url(SHA-256(verifier)); goes into the authorization URL. */
  challenge: string;
  method: 'S256';
}

/** 32 random bytes as base64url: 43 characters, inside RFC 7636's 43-128 range. */
export function createCodeVerifier(random: Random = nodeRandom): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(random: Random = nodeRandom): PkcePair {
  const verifier = createCodeVerifier(random);
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256' };
}

/** A fresh, unguessable `state` for one authorization attempt. */
export function createState(random: Random = nodeRandom): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/**
 * Compares two strings without an early exit on the first differing byte, so that a local
 * attacker probing the loopback port learns nothing from timing. Lengths are not secret here.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
