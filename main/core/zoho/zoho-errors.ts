// Turns an error answer from a Zoho accounts server (HTTP 200 or 4xx with `error`, the throttle
// with `status:"failure"`, HTML error pages, 5xx) into a TokenDeskError with a plain-language
// message and a remedy. Facts from docs/zoho.md §8, Errors from the accounts server, and §9,
// Limits. Anything echoed from the server is shortened, and any secret we sent is masked, before it
// goes into a message.

import { TokenDeskError, type ErrorCategory } from '../errors.js';

export type ZohoErrorContext =
  'exchange' | 'refresh' | 'client_credentials' | 'scope_enhancement' | 'revoke' | 'userinfo';

/** Zoho blocks a refresh token (or a client's grant codes) for the rest of a 10-minute window. */
export const THROTTLE_WINDOW_MS = 10 * 60_000;

export interface ZohoErrorInput {
  context: ZohoErrorContext;
  status: number;
  /** The raw body text; parsed here so that non-JSON answers are recognised. */
  text: string;
  /** host[:port] of the accounts server, for messages. */
  host: string;
  now: number;
  /** The redirect URI we sent, to show it when Zoho says it does not match. */
  redirectUri?: string;
  /** Values we sent that must never appear in a message (client secret, code, tokens). */
  secrets?: readonly string[];
  /** How many attempts the HTTP client made (for 5xx messages). */
  attempts?: number;
}

interface ErrorBody {
  error?: string;
  errorDescription?: string;
  status?: string;
  /** Zoho product APIs (user info) use `code` instead of `error`. */
  code?: string;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readErrorBody(json: unknown): ErrorBody | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  const str = (value: unknown) =>
    typeof value === 'string' && value.length > 0 ? value : undefined;
  return {
    error: str(record.error),
    errorDescription: str(record.error_description),
    status: str(record.status),
    code: str(record.code),
  };
}

/** Whether a (parsed) answer is Zoho's rate-limit refusal, whatever language it is in. */
export function isThrottleAnswer(json: unknown): boolean {
  const body = readErrorBody(json);
  if (!body) return false;
  // The text is localized ("Access Denied", "拒绝访问"): recognise the shape, not the words.
  if (body.status?.toLowerCase() === 'failure' && body.errorDescription !== undefined) return true;
  return body.error?.trim().toLowerCase() === 'access denied';
}

/** Maps an answer that is not a success to the error a user should see. */
export function zohoErrorFromResponse(input: ZohoErrorInput): TokenDeskError {
  const { status, host } = input;
  const clean = (value: string) => sanitize(value, input.secrets ?? []);

  if (status >= 500) {
    return new TokenDeskError(
      'server_error',
      `${host} had a server error (HTTP ${status})${input.attempts && input.attempts > 1 ? ` on all ${input.attempts} attempts` : ''}.`,
      {
        category: 'network',
        remedy:
          'This is a problem on the server side. Try again in a few minutes (Zoho posts outages at status.zoho.com).',
        details: { host, status },
      },
    );
  }

  const json = parseJson(input.text);
  const body = readErrorBody(json);
  if (!body) {
    return new TokenDeskError(
      'unexpected_response',
      input.text.trim() === ''
        ? `${host} gave an empty answer (HTTP ${status}).`
        : `${host} answered with a page that is not a Zoho OAuth answer (HTTP ${status}).`,
      {
        category: 'network',
        remedy:
          'Check that the accounts URL is a Zoho accounts server and that no proxy or captive portal is intercepting the request, then try again.',
        details: { host, status },
      },
    );
  }

  const error = body.error;
  // Zoho's word for an organization it does not know is not documented (docs/zoho.md §4.8):
  // any error about the org or soid of a client-credentials call means the soid is wrong.
  if (
    input.context === 'client_credentials' &&
    error !== undefined &&
    error !== 'missing_org_info' &&
    /org|soid/i.test(error)
  )
    return unknownOrg(input, clean(error));
  const known =
    error !== undefined && Object.hasOwn(KNOWN_ERRORS, error) ? KNOWN_ERRORS[error] : undefined;
  if (known) return known(input, body);

  if (isThrottleAnswer(json)) return throttled(input, body, clean);

  if (input.context === 'userinfo' && (status === 401 || /token/i.test(body.code ?? ''))) {
    return new TokenDeskError(
      'invalid_token',
      `${host} refused the access token when reading the user profile.`,
      {
        category: 'auth',
        remedy: 'Refresh the access token, or authorize the connection again.',
        details: { host, status, zohoCode: body.code },
      },
    );
  }

  if (
    input.context === 'revoke' &&
    error === undefined &&
    (status >= 400 || body.status?.toLowerCase() === 'failure')
  ) {
    return tokenAlreadyInvalid(input);
  }

  if (error !== undefined) {
    const description = body.errorDescription ? `: ${clean(body.errorDescription)}` : '';
    return new TokenDeskError(
      'zoho_error',
      `${host} refused the request with the error "${clean(error)}"${description}.`,
      {
        category: 'refused',
        remedy:
          'Check the client ID, client secret, data centre and scopes of this connection in the Zoho API Console, then try again.',
        details: { host, status, zohoError: clean(error) },
      },
    );
  }

  return new TokenDeskError(
    'unexpected_response',
    `${host} gave an answer Token Desk cannot use, without saying why (HTTP ${status}).`,
    {
      category: 'network',
      remedy: 'Check that the accounts URL is a Zoho accounts server, then try again.',
      details: { host, status, zohoCode: body.code === undefined ? undefined : clean(body.code) },
    },
  );
}

type Mapper = (input: ZohoErrorInput, body: ErrorBody) => TokenDeskError;

function refused(
  code: string,
  message: string,
  remedy: string,
  input: ZohoErrorInput,
  category: ErrorCategory = 'refused',
  extra: Record<string, unknown> = {},
): TokenDeskError {
  return new TokenDeskError(code, message, {
    category,
    remedy,
    details: { host: input.host, status: input.status, ...extra },
  });
}

const invalidCode: Mapper = (input, body) => {
  const extra = { zohoError: body.error };
  switch (input.context) {
    case 'exchange':
      return refused(
        'invalid_code',
        'Zoho refused the grant code: it has expired or was already used (a code works once, and only for a few minutes: a Self Client code for the 3 to 10 minutes chosen in the API Console).',
        'Get a new code and use it at once: for a Self Client, generate a new code in the API Console (Self Client > Generate Code) and paste it; otherwise click Try again.',
        input,
        'auth',
        extra,
      );
    case 'refresh':
      return refused(
        'invalid_code',
        'Zoho refused the refresh token: it was revoked, replaced (Zoho keeps only the 20 newest per user and client), or belongs to another client or data centre.',
        'Authorize this connection again to get a new refresh token.',
        input,
        'auth',
        extra,
      );
    case 'client_credentials':
      return refused(
        'client_credentials_refused',
        'Zoho refused the client-credentials request of this Self Client.',
        'Check the client ID and client secret of the Self Client in the API Console, and that it is in this data centre.',
        input,
        'auth',
        extra,
      );
    case 'scope_enhancement':
      return refused(
        'invalid_code',
        'Zoho refused to extend the refresh token: it was revoked or replaced.',
        'Authorize this connection again to get a new refresh token.',
        input,
        'auth',
        extra,
      );
    case 'revoke':
      return tokenAlreadyInvalid(input);
    case 'userinfo':
      return refused(
        'invalid_token',
        `${input.host} refused the access token.`,
        'Refresh the access token, or authorize the connection again.',
        input,
        'auth',
        extra,
      );
  }
};

function unknownOrg(input: ZohoErrorInput, zohoError: string): TokenDeskError {
  return refused(
    'unknown_org',
    'Zoho does not know the organization this Self Client asked a token for, or the Self Client has no access to it.',
    'Check the organization ID (soid, for example ZohoCRM.600000000): it must be an organization of the Zoho account that created the Self Client, in this data centre.',
    input,
    'refused',
    { zohoError },
  );
}

function tokenAlreadyInvalid(input: ZohoErrorInput): TokenDeskError {
  return refused(
    'token_already_invalid',
    'Zoho says the token is not valid: it was already revoked, or it never belonged to this client.',
    'Nothing is left to revoke at Zoho. Authorize again if you still need access.',
    input,
    'auth',
  );
}

function throttled(
  input: ZohoErrorInput,
  body: ErrorBody,
  clean: (value: string) => string,
): TokenDeskError {
  const retryAt = input.now + THROTTLE_WINDOW_MS;
  const what =
    input.context === 'refresh'
      ? 'more than 10 access tokens were requested with this refresh token in 10 minutes'
      : 'too many requests were made for this client in the last 10 minutes';
  return new TokenDeskError('throttled', `Zoho is limiting requests: ${what}.`, {
    category: 'refused',
    remedy:
      'Wait 10 minutes before trying again; Token Desk will not retry before then. An access token you already have keeps working until it expires.',
    details: {
      host: input.host,
      status: input.status,
      retryAt,
      // Zoho's own words, possibly localized; useful to support staff, never a secret.
      zohoError: body.error === undefined ? undefined : clean(body.error),
      zohoDescription:
        body.errorDescription === undefined ? undefined : clean(body.errorDescription),
    },
  });
}

const KNOWN_ERRORS: Readonly<Record<string, Mapper>> = {
  invalid_code: invalidCode,
  // Standard OAuth servers say invalid_grant where Zoho says invalid_code.
  invalid_grant: invalidCode,
  invalid_token: (input, body) =>
    input.context === 'revoke'
      ? tokenAlreadyInvalid(input)
      : refused(
          'invalid_token',
          `${input.host} refused the token.`,
          'Refresh the access token, or authorize the connection again.',
          input,
          'auth',
          { zohoError: body.error },
        ),
  invalid_client: (input) =>
    refused(
      'invalid_client',
      `${input.host} does not know this client ID. Usually the client was registered in another data centre, or it is not enabled for this data centre.`,
      'Check the client ID, the client secret and the data centre of this connection. To use one client in several data centres, enable them in the API Console (your client > Settings > Multi-DC).',
      input,
    ),
  invalid_client_secret: (input) =>
    refused(
      'invalid_client_secret',
      `${input.host} refused the client secret of this client.`,
      `Copy the Client Secret again from the API Console (your client > Client Secret). If the client has a separate secret per data centre, use the one for ${input.host}.`,
      input,
    ),
  invalid_redirect_uri: (input) =>
    refused(
      'invalid_redirect_uri',
      input.redirectUri
        ? `Zoho says the redirect URI ${input.redirectUri} does not match the one registered for this client.`
        : 'Zoho says the redirect URI does not match the one registered for this client.',
      input.redirectUri
        ? `In the API Console, add exactly ${input.redirectUri} to the client's Authorized Redirect URIs (same scheme, host, port and path; localhost is not the same as 127.0.0.1).`
        : "In the API Console, check the client's Authorized Redirect URIs; they must match the one Token Desk uses exactly.",
      input,
      'refused',
      { redirectUri: input.redirectUri },
    ),
  // On a refresh, "access denied" is the refresh-token throttle (docs/zoho.md §8 and §9): more than
  // 10 access tokens in 10 minutes. It is handled like the throttle answer: blocked, no retry loop.
  access_denied: (input, body) =>
    input.context === 'refresh'
      ? throttled(input, body, (value) => sanitize(value, input.secrets ?? []))
      : input.context === 'exchange'
        ? refused(
            'access_denied',
            'Zoho denied access: too many grant codes were created for this client in the last 10 minutes, or the consent was declined.',
            'Wait 10 minutes, then authorize again and press Accept on the Zoho page.',
            input,
            'refused',
            { retryAt: input.now + THROTTLE_WINDOW_MS },
          )
        : refused(
            'access_denied',
            'Zoho denied access to this request.',
            'Authorize the connection again and press Accept on the Zoho page.',
            input,
          ),
  // Zoho refusing, not a typo of ours: the code (or client-credentials call) named no organization.
  missing_org_info: (input) =>
    refused(
      'missing_org_info',
      'Zoho refused: it needs to know which organization the token is for, and the grant did not say.',
      'Generate the code again in the API Console (Self Client > Generate Code) and pick the organization (portal or app) when it asks; for the client-credentials grant, send soid=<Service>.<organization ID>, for example ZohoCRM.600000000.',
      input,
    ),
  invalid_scope: (input) =>
    refused(
      'invalid_scope',
      'Zoho rejected one or more of the requested scopes.',
      'Check the scope names (Service.scope.OPERATION, for example ZohoCRM.modules.ALL), separated by commas, and that the client may use those products.',
      input,
    ),
  unsupported_grant_type: (input) =>
    refused(
      'unsupported_grant_type',
      `${input.host} does not accept this kind of token request.`,
      'Check that the accounts URL of this connection is a Zoho accounts server, and that the client type (Self Client or server-based) is the one created in the API Console.',
      input,
    ),
  unauthorized_client: (input) =>
    refused(
      'unauthorized_client',
      'This client is not allowed to make this kind of request (for example a Self Client used for the browser sign-in).',
      'Check the client type in the API Console: use a Server-based client for the browser sign-in, and a Self Client for generated codes.',
      input,
    ),
};

const MAX_ECHO = 200;

/** Server text for a message: secrets masked, control characters dropped, length bounded. */
export function sanitize(value: string, secrets: readonly string[]): string {
  let out = value;
  for (const secret of secrets) {
    // Short values would mask ordinary words; our secrets are long.
    if (secret.length >= 8) out = out.split(secret).join('***');
  }
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  out = out.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return out.length > MAX_ECHO ? `${out.slice(0, MAX_ECHO)}…` : out;
}
