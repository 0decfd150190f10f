// Zoho's device flow for a "Non-browser application" client (docs/zoho.md §4.7, Device flow):
// asking for a user code (POST /oauth/v3/device/code) and one poll of the device code
// (POST /oauth/v3/device/token). Polling itself, with its waits, is the use case's
// (auth/device-authorization.ts). Parameters travel in a form body, never the query; the device
// code is a secret (whoever has it gets the tokens), the user code is not (it is sent to the admin).

import { TokenDeskError } from '../errors.js';
import { hostOf } from '../../vocabulary/index.js';
import { createTokenEndpoint, endpoint, isSuccess, jsonRecord } from './token-endpoint.js';
import type { TokenEndpoint, TokenEndpointOptions } from './token-endpoint.js';
import { parseTokenResponse } from './token-response.js';
import type { TokenSet } from './token-set.js';
import { parseJson } from './zoho-errors.js';

export interface DeviceCodeRequest {
  accountsUrl: string;
  clientId: string;
  scopes: string[];
}

/** What Zoho answered to a code request, with its times in milliseconds. */
export interface DeviceCode {
  userCode: string;
  /** Secret: never shown, logged or stored. */
  deviceCode: string;
  /** The page where the admin enters the user code. */
  verificationUrl: string;
  /** The same page with the code filled in, when the server sends one. */
  verificationUrlComplete?: string;
  /** How long to wait between polls (Zoho's `interval`, in ms), never below MIN_POLL_INTERVAL_MS. */
  intervalMs: number;
  /** How long the code is valid (Zoho's `expires_in`, in ms). */
  expiresInMs: number;
  /** When it stops working, by our clock. */
  expiresAt: number;
}

export interface DevicePollRequest {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  deviceCode: string;
}

/** One poll's answer; anything else Zoho says is thrown as a TokenDeskError. */
export type DevicePollAnswer =
  | { status: 'granted'; tokens: TokenSet }
  | { status: 'pending' }
  | { status: 'slow_down' }
  | { status: 'other_dc'; userLocation: string }
  | { status: 'denied' }
  | { status: 'expired' };

export interface ZohoDeviceClient {
  requestCode(request: DeviceCodeRequest): Promise<DeviceCode>;
  poll(request: DevicePollRequest): Promise<DevicePollAnswer>;
}

/** The retry policy and the ports of the token calls (token-endpoint.ts). */
export type ZohoDeviceClientOptions = TokenEndpointOptions;

/** A floor under Zoho's `interval`: a missing, zero or garbled value must not make us hammer it. */
export const MIN_POLL_INTERVAL_MS = 1_000;
/** Zoho asks for one poll per 30 s when it has not said otherwise (docs/zoho.md §4.7). */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;
/** Zoho's user code is valid 5 minutes (docs/zoho.md §4.7). */
export const DEFAULT_CODE_LIFETIME_MS = 300_000;

/** Zoho's `interval` and `expires_in` here are milliseconds (docs/zoho.md §4.7); "30000" counts too. */
function milliseconds(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Only a web page may be opened or sent to an admin. */
function webAddress(value: unknown): string | undefined {
  const candidate = text(value);
  if (candidate === undefined || !URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
}

export function createZohoDeviceClient(options: ZohoDeviceClientOptions = {}): ZohoDeviceClient {
  const calls = createTokenEndpoint(options);
  return {
    requestCode: (request) => requestCode(calls, request),
    poll: (request) => poll(calls, request),
  };
}

// The device code plays the grant code's part: Zoho's errors mean the same here.
const CONTEXT = 'exchange';

async function requestCode(calls: TokenEndpoint, request: DeviceCodeRequest): Promise<DeviceCode> {
  const url = endpoint(request.accountsUrl, '/oauth/v3/device/code');
  const response = await calls.postForm(url, {
    client_id: request.clientId,
    grant_type: 'device_request',
    // Zoho's grammar: scopes joined by commas (docs/zoho.md §10).
    scope: request.scopes.join(','),
    // Without offline there is no refresh token; consent makes Zoho issue one every time.
    access_type: 'offline',
    prompt: 'consent',
  });
  const body = jsonRecord(isSuccess(response) ? parseJson(response.text) : undefined);
  const userCode = text(body.user_code);
  const deviceCode = text(body.device_code);
  const verificationUrl = webAddress(body.verification_url ?? body.verification_uri);
  if (userCode === undefined || deviceCode === undefined || verificationUrl === undefined) {
    if (body.error !== undefined || !isSuccess(response)) {
      const secrets = deviceCode === undefined ? [] : [deviceCode];
      throw calls.failure(url, response, { context: CONTEXT, secrets });
    }
    throw unusableCodeAnswer(url);
  }
  const intervalMs = Math.max(
    MIN_POLL_INTERVAL_MS,
    milliseconds(body.interval) ?? DEFAULT_POLL_INTERVAL_MS,
  );
  const expiresInMs = milliseconds(body.expires_in) ?? DEFAULT_CODE_LIFETIME_MS;
  const complete = webAddress(body.verification_uri_complete ?? body.verification_url_complete);
  return {
    userCode,
    deviceCode,
    verificationUrl,
    ...(complete === undefined ? {} : { verificationUrlComplete: complete }),
    intervalMs,
    expiresInMs,
    expiresAt: calls.clock.now() + expiresInMs,
  };
}

function unusableCodeAnswer(url: string): TokenDeskError {
  return new TokenDeskError(
    'unexpected_response',
    `${hostOf(url)} answered the request for a device code without a usable code or verification address.`,
    {
      category: 'network',
      remedy:
        'Check that the accounts URL of this connection is a Zoho accounts server, then try again.',
      details: { host: hostOf(url) },
    },
  );
}

async function poll(calls: TokenEndpoint, request: DevicePollRequest): Promise<DevicePollAnswer> {
  const url = endpoint(request.accountsUrl, '/oauth/v3/device/token');
  const response = await calls.postForm(url, {
    client_id: request.clientId,
    client_secret: request.clientSecret,
    grant_type: 'device_token',
    code: request.deviceCode,
  });
  if (isSuccess(response)) {
    const json = parseJson(response.text);
    const tokens = parseTokenResponse(json, calls.clock.now());
    if (tokens) return { status: 'granted', tokens };
    const answer = pendingAnswer(jsonRecord(json));
    if (answer) return answer;
  }
  throw calls.failure(url, response, {
    context: CONTEXT,
    secrets: [request.clientSecret, request.deviceCode],
  });
}

/** The poll answers that are not errors: the admin has not finished, or has said no. */
function pendingAnswer(body: Record<string, unknown>): DevicePollAnswer | undefined {
  switch (body.error) {
    case 'authorization_pending':
      return { status: 'pending' };
    case 'slow_down':
      return { status: 'slow_down' };
    case 'access_denied':
      return { status: 'denied' };
    // expired_token: RFC 8628's name for the same answer.
    case 'expired':
    case 'expired_token':
      return { status: 'expired' };
    case 'other_dc': {
      const userLocation = text(body.user_location);
      if (userLocation !== undefined) return { status: 'other_dc', userLocation };
      break;
    }
  }
  return undefined;
}
