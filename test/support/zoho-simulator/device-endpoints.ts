// The device flow of a "Non-browser application" client (docs/zoho.md §4.7, Device flow):
// POST /oauth/v3/device/code hands out a user code and a device code, the admin enters the user
// code on the verification page (GET /oauth/v3/device) and accepts or rejects, and the device
// polls POST /oauth/v3/device/token, which answers authorization_pending, slow_down, other_dc,
// access_denied, expired or the tokens. Errors are HTTP 200 with {"error": ...}, as Zoho answers.
// `interval` and `expires_in` are in milliseconds, as Zoho's device page gives them.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import {
  firstValues,
  parseFormBody,
  readBody,
  sendHtml,
  sendJson,
  sendMethodNotAllowed,
  sendText,
} from './http-utils.js';
import { escapeHtml, errorPage } from './pages.js';
import { parseScopeList } from './scopes.js';
import { zohoStyleToken, type GrantCode } from './state.js';
import { secretMatches, tokenBody } from './token-endpoint.js';

export const DEVICE_CODE_PATH = '/oauth/v3/device/code';
export const DEVICE_TOKEN_PATH = '/oauth/v3/device/token';
/** The verification page the admin opens (`verification_url`). */
export const DEVICE_VERIFY_PATH = '/oauth/v3/device';
const DEVICE_DECIDE_PATH = '/oauth/v3/device/approve';

export interface DeviceFlowConfig {
  /** `interval` answered with each code, in ms. */
  intervalMs: number;
  /** `expires_in` of each code, in ms (the user code is valid 5 minutes at Zoho). */
  codeTtlMs: number;
  /** Two polls of one device code closer than this answer slow_down (Zoho: 30 s). */
  minPollGapMs: number;
}

interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  accessType: 'online' | 'offline';
  prompt: string | undefined;
  expiresAt: number;
  lastPollAt: number | undefined;
  decision: 'pending' | 'accepted' | 'rejected';
  /** The DC of the account that accepted; other than the simulator's own means other_dc first. */
  userLocation: string | undefined;
  /** other_dc was answered once: the next poll is taken to reach the user's DC. */
  redirectedToUserDc: boolean;
  /** Tokens were issued, or the code ended (denied, expired): it answers nothing more. */
  finished: boolean;
}

export interface DeviceFlowStats {
  /** POSTs to /oauth/v3/device/code. */
  code: number;
  /** POSTs to /oauth/v3/device/token, whatever they were answered. */
  token: number;
}

export interface DeviceEndpoints {
  readonly stats: DeviceFlowStats;
  readonly config: DeviceFlowConfig;
  handle(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void>;
}

/** Zoho's user codes are short and typed by a person: letters and digits without look-alikes. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function userCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const zohoError = (res: ServerResponse, error: string, extra: Record<string, unknown> = {}) =>
  sendJson(res, 200, { error, ...extra });

export function createDeviceEndpoints(
  ctx: SimulatorContext,
  config: DeviceFlowConfig,
): DeviceEndpoints {
  const byDeviceCode = new Map<string, DeviceAuthorization>();
  const byUserCode = new Map<string, DeviceAuthorization>();
  const stats: DeviceFlowStats = { code: 0, token: 0 };
  const { state } = ctx;

  async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
    const form = await parseFormBody(await readBody(req), req.headers['content-type']);
    ctx.record(req, url, form);
    // Zoho documents the parameters in the query string and accepts them there; the body wins.
    return { ...firstValues(url.searchParams), ...form };
  }

  function issueCode(params: Record<string, string>, res: ServerResponse): void {
    const client = params.client_id ? state.client(params.client_id) : undefined;
    // Only a Non-browser application may start the device flow; Zoho's docs name no other error.
    if (!client || client.type !== 'device') return zohoError(res, 'invalid_client');
    if (params.grant_type !== 'device_request') return zohoError(res, 'unsupported_grant_type');
    const scopes = parseScopeList(params.scope);
    if (!scopes.ok) return zohoError(res, 'invalid_scope');
    const now = state.now();
    const record: DeviceAuthorization = {
      deviceCode: zohoStyleToken(),
      userCode: userCode(),
      clientId: client.clientId,
      scopes: scopes.scopes,
      accessType: params.access_type === 'offline' ? 'offline' : 'online',
      prompt: params.prompt,
      expiresAt: now + config.codeTtlMs,
      lastPollAt: undefined,
      decision: 'pending',
      userLocation: undefined,
      redirectedToUserDc: false,
      finished: false,
    };
    byDeviceCode.set(record.deviceCode, record);
    byUserCode.set(record.userCode, record);
    state.secrets.add(record.deviceCode);
    sendJson(res, 200, {
      user_code: record.userCode,
      device_code: record.deviceCode,
      verification_url: `${ctx.accountsUrl}${DEVICE_VERIFY_PATH}`,
      expires_in: config.codeTtlMs,
      interval: config.intervalMs,
    });
  }

  function poll(params: Record<string, string>, res: ServerResponse): void {
    const client = params.client_id ? state.client(params.client_id) : undefined;
    if (!client) return zohoError(res, 'invalid_client');
    if (!secretMatches(client, params.client_secret))
      return zohoError(res, 'invalid_client_secret');
    if (params.grant_type !== 'device_token') return zohoError(res, 'unsupported_grant_type');
    const record = params.code ? byDeviceCode.get(params.code) : undefined;
    if (!record || record.clientId !== client.clientId || record.finished)
      return zohoError(res, 'invalid_code');
    const now = state.now();
    const previous = record.lastPollAt;
    record.lastPollAt = now;
    if (previous !== undefined && now - previous < config.minPollGapMs)
      return zohoError(res, 'slow_down');
    if (record.decision === 'rejected') {
      record.finished = true;
      return zohoError(res, 'access_denied');
    }
    if (record.decision === 'pending') {
      if (now >= record.expiresAt) {
        record.finished = true;
        return zohoError(res, 'expired');
      }
      return zohoError(res, 'authorization_pending');
    }
    if (
      record.userLocation !== undefined &&
      record.userLocation !== ctx.location &&
      !record.redirectedToUserDc
    ) {
      // One simulated server stands for every DC (tests use it as a custom accounts server, the
      // only one a client may send secrets to), so the poll after other_dc counts as the user's DC.
      record.redirectedToUserDc = true;
      return zohoError(res, 'other_dc', { user_location: record.userLocation });
    }
    record.finished = true;
    // Like a consent-page code: a refresh token on an offline grant that is the first one or forced.
    const grant: GrantCode = {
      code: record.deviceCode,
      clientId: record.clientId,
      kind: 'server',
      scopes: record.scopes,
      expiresAt: record.expiresAt,
      used: true,
      redirectUri: undefined,
      codeChallenge: undefined,
      codeChallengeMethod: undefined,
      issuesRefreshToken:
        record.accessType === 'offline' &&
        (record.prompt === 'consent' || !state.hasLiveRefreshToken(record.clientId)),
    };
    const { access, refresh } = state.mintForCode(grant);
    sendJson(res, 200, tokenBody(access, refresh, ctx.tokenConfig));
  }

  /** The page the admin opens: enter the user code. */
  function verificationPage(res: ServerResponse, prefill: string): void {
    sendHtml(
      res,
      200,
      devicePage(
        'Connect a device - Zoho Accounts',
        `<main aria-labelledby="device-title">
  <h1 id="device-title">Enter the code shown on your device</h1>
  <form method="post" action="${DEVICE_VERIFY_PATH}">
    <label for="user_code">Code</label>
    <input id="user_code" name="user_code" value="${escapeHtml(prefill)}" autocomplete="off" data-testid="device-user-code">
    <button type="submit" data-testid="device-verify">Verify</button>
  </form>
</main>`,
      ),
    );
  }

  /** After Verify: the permissions asked for, with Accept and Reject. */
  function consentFor(res: ServerResponse, code: string): void {
    const record = byUserCode.get(code.trim().toUpperCase());
    if (!record || record.finished || record.decision !== 'pending')
      return sendHtml(
        res,
        400,
        errorPage('Invalid Code', 'The code you entered is not valid. Check it and try again.'),
      );
    if (state.now() >= record.expiresAt)
      return sendHtml(
        res,
        400,
        errorPage('Code Expired', 'This code has expired. Ask for a new code on your device.'),
      );
    const scopes = record.scopes
      .map((scope) => `    <li><code>${escapeHtml(scope)}</code></li>`)
      .join('\n');
    sendHtml(
      res,
      200,
      devicePage(
        `Authorize ${record.clientId} - Zoho Accounts`,
        `<main aria-labelledby="consent-title">
  <h1 id="consent-title"><span data-testid="consent-app-name">${escapeHtml(record.clientId)}</span> would like to access your Zoho account</h1>
  <p>Signed in as <strong>${escapeHtml(ctx.user.displayName)}</strong> (${escapeHtml(ctx.user.email)}).</p>
  <h2 id="consent-scopes-heading">Requested permissions</h2>
  <ul aria-labelledby="consent-scopes-heading" data-testid="consent-scopes">
${scopes}
  </ul>
  <form method="post" action="${DEVICE_DECIDE_PATH}">
    <input type="hidden" name="user_code" value="${escapeHtml(record.userCode)}">
    <button type="submit" name="decision" value="accept" data-testid="consent-accept">Accept</button>
    <button type="submit" name="decision" value="reject" data-testid="consent-reject">Reject</button>
  </form>
</main>`,
      ),
    );
  }

  function decide(form: Record<string, string>, res: ServerResponse): void {
    const record = byUserCode.get((form.user_code ?? '').trim().toUpperCase());
    const decision = form.decision;
    if (
      !record ||
      record.finished ||
      record.decision !== 'pending' ||
      state.now() >= record.expiresAt ||
      (decision !== 'accept' && decision !== 'reject')
    )
      return sendHtml(
        res,
        400,
        errorPage(
          'Request Expired',
          'This request is no longer valid. Start again on your device.',
        ),
      );
    record.decision = decision === 'accept' ? 'accepted' : 'rejected';
    // Which DC the accepting account lives in: the simulator's stand-in for who signed in.
    const location = form.user_location?.trim();
    record.userLocation = location === undefined || location === '' ? undefined : location;
    sendHtml(
      res,
      200,
      devicePage(
        'Done - Zoho Accounts',
        `<main><h1 data-testid="device-done">${
          decision === 'accept' ? 'You may close this page.' : 'Access was denied.'
        }</h1></main>`,
      ),
    );
  }

  return {
    stats,
    config,
    async handle(req, url, res) {
      switch (url.pathname) {
        case DEVICE_CODE_PATH: {
          const params = await readParams(req, url);
          if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
          stats.code += 1;
          return issueCode(params, res);
        }
        case DEVICE_TOKEN_PATH: {
          const params = await readParams(req, url);
          if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
          stats.token += 1;
          const failure = ctx.takeInjectedFailure();
          if (failure)
            return sendText(
              res,
              failure.status,
              failure.body ??
                '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
              'text/html; charset=utf-8',
            );
          return poll(params, res);
        }
        case DEVICE_VERIFY_PATH: {
          if (req.method === 'GET')
            return verificationPage(res, url.searchParams.get('user_code') ?? '');
          if (req.method !== 'POST') return sendMethodNotAllowed(res, 'GET, POST');
          const form = await parseFormBody(await readBody(req), req.headers['content-type']);
          return consentFor(res, form.user_code ?? '');
        }
        case DEVICE_DECIDE_PATH: {
          if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
          return decide(await parseFormBody(await readBody(req), req.headers['content-type']), res);
        }
        default:
          return sendHtml(res, 404, errorPage('Not Found', 'No such page.'));
      }
    },
  };
}

function devicePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * What an admin does on the verification page, over HTTP as a browser would: open the page,
 * enter the user code, then press Accept or Reject. `userLocation` is the DC of the account that
 * signs in; another DC than the simulator's makes the next poll answer other_dc.
 */
export async function driveDeviceConsent(
  accountsUrl: string,
  code: string,
  decision: 'accept' | 'reject',
  options: { userLocation?: string } = {},
): Promise<void> {
  const verify = await fetch(`${accountsUrl}${DEVICE_VERIFY_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: code }),
  });
  const consent = await verify.text();
  if (verify.status !== 200)
    throw new Error(`device consent: the code was refused (HTTP ${verify.status})`);
  const hidden = /name="user_code" value="([^"]*)"/.exec(consent)?.[1];
  if (hidden === undefined) throw new Error('device consent: the consent page has no form');
  const answer = await fetch(`${accountsUrl}${DEVICE_DECIDE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      user_code: hidden,
      decision,
      ...(options.userLocation === undefined ? {} : { user_location: options.userLocation }),
    }),
  });
  await answer.text();
  if (answer.status !== 200)
    throw new Error(`device consent: the decision was refused (HTTP ${answer.status})`);
}
