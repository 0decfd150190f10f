// Reads one request that reached the loopback receiver: decides whether it is the browser's return
// for this sign-in (right path, matching state), what it says (a code, a scope-enhancement status,
// or Zoho's error), and which page answers it. Pure: the receiver owns the sockets and the timing.

import { TokenDeskError } from '../errors.js';
import type { LoopbackRequest, LoopbackResponse } from '../ports.js';
import { donePage, notFound, page } from './loopback-pages.js';
import { constantTimeEqual } from './pkce.js';

export interface CallbackResult {
  /** Empty for a scope-enhancement return, which carries no code. */
  code: string;
  /** Zoho's `status` on a scope-enhancement return (`success`, `failure`), when it sent one. */
  status?: string;
  /** Zoho's data-centre code (`us`, `eu`, ...), when it sent one. */
  location?: string;
  /** Zoho's `accounts-server`, URL-decoded; not yet trusted (see server-authorization). */
  accountsServer?: string;
}

/** Longer URLs are not a Zoho redirect; refuse before parsing them. */
export const MAX_CALLBACK_URL_LENGTH = 8 * 1024;

/** How a request ends the sign-in, when it does. */
export type CallbackOutcome = { value: CallbackResult } | { error: TokenDeskError };

export interface CallbackExpectation {
  /** The redirect URI's path: only a request there can be the callback. */
  pathname: string;
  expectedState: string;
  /** As in LoopbackReceiverOptions: a scope-enhancement return may come without state. */
  expect?: 'code' | 'scope-enhancement';
}

export interface CallbackAnswer {
  response: LoopbackResponse;
  /** Absent when the request does not end the sign-in (not ours, or not readable). */
  outcome?: CallbackOutcome;
}

export function answerCallback(
  request: LoopbackRequest,
  expected: CallbackExpectation,
): CallbackAnswer {
  const raw = request.url;
  if (raw.length > MAX_CALLBACK_URL_LENGTH) {
    return {
      response: page(
        414,
        'Address too long',
        'This address is too long to be a Zoho sign-in answer.',
      ),
    };
  }
  if (request.method !== 'GET') {
    return {
      response: page(
        405,
        'Not allowed',
        'Token Desk only accepts the browser returning from the Zoho sign-in page here.',
        { allow: 'GET' },
      ),
    };
  }
  let requestUrl: URL;
  try {
    requestUrl = new URL(raw, 'http://loopback.invalid');
  } catch {
    return { response: page(400, 'Bad request', 'This address could not be read.') };
  }
  const params = requestUrl.searchParams;
  const state = params.get('state');
  const enhancing = expected.expect === 'scope-enhancement';
  if (
    requestUrl.pathname !== expected.pathname ||
    (state === null && !enhancing) ||
    (state !== null && !constantTimeEqual(state, expected.expectedState))
  ) {
    // Not ours (another path, an old tab, another attempt, a forged request): the one page for
    // anything unknown, and keep waiting for the real callback.
    return { response: notFound() };
  }
  const error = params.get('error');
  if (error !== null) {
    const failure = authorizationError(error, params.get('error_description'));
    return {
      outcome: { error: failure },
      response: page(
        200,
        'Authorization not completed',
        `${failure.message} ${failure.remedy} You can close this tab.`,
      ),
    };
  }
  return enhancing ? enhancementReturn(params) : codeReturn(params);
}

/** The browser back from addextrascope: no code, perhaps a status (docs/zoho.md §4.9). */
function enhancementReturn(params: URLSearchParams): CallbackAnswer {
  const status = shortText(params.get('status'));
  return {
    outcome: {
      value: {
        code: '',
        status,
        location: shortText(params.get('location')),
        accountsServer: decodeRepeatedly(params.get('accounts-server')),
      },
    },
    response: donePage(
      status === 'failure' ? 'Scopes not added' : 'Answer received',
      'Token Desk received the answer from Zoho. You can close this tab.',
    ),
  };
}

/** The browser back from the sign-in page, which must bring an authorization code. */
function codeReturn(params: URLSearchParams): CallbackAnswer {
  const code = params.get('code');
  if (code === null || code === '') {
    const failure = new TokenDeskError(
      'callback_missing_code',
      'The Zoho sign-in page sent the browser back without an authorization code.',
      {
        category: 'refused',
        remedy:
          'Try again. If it keeps happening, check the client ID and the scopes of this connection.',
      },
    );
    return {
      outcome: { error: failure },
      response: page(400, 'No authorization code', `${failure.message} ${failure.remedy}`),
    };
  }
  return {
    outcome: {
      value: {
        code,
        location: shortText(params.get('location')),
        accountsServer: decodeRepeatedly(params.get('accounts-server')),
      },
    },
    response: donePage(
      'Authorization received',
      'Token Desk received the authorization. You can close this tab.',
    ),
  };
}

function authorizationError(error: string, description: string | null): TokenDeskError {
  if (error === 'access_denied') {
    return new TokenDeskError(
      'access_denied',
      'You declined access on the Zoho page, so Token Desk received no authorization.',
      {
        category: 'refused',
        remedy: 'Try again, and press Accept on the Zoho page.',
      },
    );
  }
  const said = shortText(description);
  return new TokenDeskError(
    'authorization_failed',
    `The Zoho sign-in page returned the error "${shortText(error)}"${said ? `: ${said}` : ''}.`,
    {
      category: 'refused',
      remedy:
        'Check the client ID, redirect URI and scopes of this connection in the Zoho API Console, then click Try again.',
      details: { error: shortText(error) },
    },
  );
}

/** Zoho's example shows accounts-server percent-encoded once more than the query needs. */
export function decodeRepeatedly(value: string | null): string | undefined {
  if (value === null || value.trim() === '') return undefined;
  let current = value.trim();
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(current); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
  }
  return current;
}

function shortText(value: string | null): string | undefined {
  if (value === null) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters have no place in a message
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
