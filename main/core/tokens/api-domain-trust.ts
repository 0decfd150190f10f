// Which api_domain a token answer may set. Every later request carries the access token to the
// stored api_domain, so an answer's value is stored only if it is an https Zoho API host or the
// connection's own custom API domain; otherwise the previous value stays, the operation still
// succeeds, and the shell hears of it through a notice.

import type { Connection } from '../store/connection.js';
import { isTrustedApiDomain } from '../zoho/data-centres.js';
import type { TokenNotice } from './token-types.js';

/** The API domain to keep after a token answer, and the notice when the answer's was refused. */
export function chooseApiDomain(
  connection: Connection,
  answered: string | undefined,
): { apiDomain: string; notice?: TokenNotice } {
  if (answered === undefined || answered === connection.apiDomain) {
    return { apiDomain: connection.apiDomain };
  }
  if (isTrustedApiDomain(answered, connection.custom?.apiDomain)) return { apiDomain: answered };
  const shown = answered.length > 120 ? `${answered.slice(0, 120)}…` : answered;
  return {
    apiDomain: connection.apiDomain,
    notice: {
      code: 'untrusted_api_domain',
      connection: connection.name,
      message:
        `The token answer for "${connection.name}" named ${shown} as its API domain, which is not a Zoho API host ` +
        `or this connection's own server. Token Desk ignored it and keeps sending requests to ${connection.apiDomain}.`,
      details: { answered: shown, kept: connection.apiDomain },
    },
  };
}

/** A notice sink that never throws: a failing listener must not fail a successful refresh. */
export function safeNotifier(
  onNotice: ((notice: TokenNotice) => void) | undefined,
): (notice: TokenNotice | undefined) => void {
  return (notice) => {
    if (!notice || !onNotice) return;
    try {
      onNotice(notice);
    } catch {
      // Deliberately ignored: see above.
    }
  };
}
