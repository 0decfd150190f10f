// Reads a token-endpoint answer (code exchange or refresh) from `unknown` into a TokenSet.
// Zoho answers errors with HTTP 200 too, so an answer is a success only if it has access_token;
// expiry comes as `expires_in` seconds or, in the legacy form, `expires_in_sec` seconds beside an
// `expires_in` in milliseconds (docs/zoho.md §7, Token answers).

import * as z from '../schema.js';
import { TokenDeskError } from '../errors.js';
import type { TokenSet } from './token-set.js';

/** Zoho's documented access-token lifetime, used when an answer omits the expiry. */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 3_600_000;

// Some servers send numbers as strings ("3600"); both mean the same.
const numberLike = z.pipe(
  z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/)), z.transform(Number))]),
  z.number().check(z.nonnegative()),
);

const successSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  expires_in: z.optional(numberLike),
  expires_in_sec: z.optional(numberLike),
  api_domain: z.optional(z.string()),
  token_type: z.optional(z.string()),
  scope: z.optional(z.union([z.string(), z.array(z.string())])),
  id_token: z.optional(z.string()),
});

/** Whether the answer claims success (has an access_token), before checking the rest. */
export function hasAccessToken(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const token = (body as { access_token?: unknown }).access_token;
  return typeof token === 'string' && token.length > 0;
}

/**
 * The TokenSet in a successful answer, or undefined when the answer is not a success (then the
 * caller maps it with zoho-errors). An answer that has an access_token but malformed other fields
 * is a TokenDeskError, since we cannot tell when that token expires.
 */
export function parseTokenResponse(body: unknown, now: number): TokenSet | undefined {
  if (!hasAccessToken(body)) return undefined;
  const parsed = successSchema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'the answer';
    throw new TokenDeskError(
      'unexpected_token_response',
      `The token answer from the accounts server has an unreadable "${field}" field.`,
      {
        category: 'network',
        remedy:
          'Try again. If it keeps happening, check that the accounts URL of this connection points to a Zoho accounts server.',
        details: { field },
      },
    );
  }
  const answer = parsed.data;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: now + lifetimeMs(answer.expires_in, answer.expires_in_sec),
    apiDomain:
      answer.api_domain && URL.canParse(answer.api_domain)
        ? answer.api_domain.replace(/\/+$/, '')
        : undefined,
    scopes: answer.scope === undefined ? undefined : splitScopes(answer.scope),
    tokenType: answer.token_type || 'Bearer',
    idToken: answer.id_token,
  };
}

function lifetimeMs(expiresIn: number | undefined, expiresInSec: number | undefined): number {
  // Legacy form: when expires_in_sec is present, expires_in is already in milliseconds.
  if (expiresInSec !== undefined) return expiresIn ?? expiresInSec * 1000;
  if (expiresIn !== undefined) return expiresIn * 1000;
  return DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
}

/** Zoho joins scopes with commas; standard servers with spaces. Accept both (and arrays). */
export function splitScopes(scope: string | string[]): string[] {
  const parts = Array.isArray(scope) ? scope : [scope];
  return parts.flatMap((part) => part.split(/[\s,]+/)).filter((s) => s.length > 0);
}
