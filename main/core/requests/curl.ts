// Copy-as-cURL for a test request. The access token is a placeholder unless the caller passes it
// (the user asked for the real one). The placeholder is a shell variable, so the command works
// once the user has set it (export ZOHO_ACCESS_TOKEN=$(token-desk token <name>)); every other
// value is single-quoted, so the shell takes it literally.

import type { ApiRequest } from './api-request.js';

/** The shell variable the placeholder command reads the token from. */
export const TOKEN_VARIABLE = 'ZOHO_ACCESS_TOKEN';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function toCurl(url: string, request: ApiRequest, accessToken?: string): string {
  // Double quotes around fixed text and the variable only: sh, bash, zsh and fish expand it there.
  const authorization =
    accessToken === undefined
      ? `"Authorization: Zoho-oauthtoken $${TOKEN_VARIABLE}"`
      : quote(`Authorization: Zoho-oauthtoken ${accessToken}`);
  const parts = ['curl', '-X', request.method.toUpperCase(), quote(url), '-H', authorization];
  for (const [key, value] of request.headers ?? []) {
    if (key.toLowerCase() === 'authorization') continue;
    parts.push('-H', quote(`${key}: ${value}`));
  }
  if (request.body !== undefined && request.body !== '')
    parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
