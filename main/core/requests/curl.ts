// Copy-as-cURL for a test request. The access token is a placeholder unless the caller passes it
// (the user asked for the real one).

import type { ApiRequest } from './api-request.js';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function toCurl(
  url: string,
  request: ApiRequest,
  accessToken = '$ZOHO_ACCESS_TOKEN',
): string {
  const parts = [
    'curl',
    '-X',
    request.method.toUpperCase(),
    quote(url),
    '-H',
    quote(`Authorization: Zoho-oauthtoken ${accessToken}`),
  ];
  for (const [key, value] of request.headers ?? []) {
    if (key.toLowerCase() === 'authorization') continue;
    parts.push('-H', quote(`${key}: ${value}`));
  }
  if (request.body !== undefined && request.body !== '')
    parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
