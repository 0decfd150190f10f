// The accounts server of one simulated DC: authorization + consent page, token, revoke and user
// info (docs/zoho.md §4, Endpoints). Browser-facing pages answer HTML; API endpoints answer JSON
// like Zoho.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import {
  firstValues,
  parseFormBody,
  readBody,
  sendHtml,
  sendJson,
  sendMethodNotAllowed,
  sendRedirect,
  sendText,
  tokenFromAuthorization,
} from './http-utils.js';
import { CONSENT_FORM_PATH, consentPage, errorPage } from './pages.js';
import { hasScope, parseScopeList } from './scopes.js';
import type { PendingAuthorization } from './state.js';
import { answerTokenRequest } from './token-endpoint.js';
import {
  answerScopeEnhanceToken,
  finishExtraScopeConsent,
  startExtraScopeConsent,
} from './grant-endpoints.js';

const USER_INFO_SCOPE = 'AaaServer.profile.READ';

const DEFAULT_FAILURE_BODY =
  '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';

export function createAccountsHandler(
  ctx: SimulatorContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.accountsUrl);
    switch (url.pathname) {
      case '/oauth/v2/auth':
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET');
        return authorize(ctx, url, res);
      case CONSENT_FORM_PATH:
        if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
        return decide(
          ctx,
          await parseFormBody(await readBody(req), req.headers['content-type']),
          res,
        );
      case '/oauth/v2/token':
        return token(ctx, req, url, res);
      case '/oauth/v2/token/scopeenhance':
        return scopeEnhance(ctx, req, url, res);
      case '/oauth/v2/token/addextrascope': {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET');
        ctx.record(req, url, {});
        const started = startExtraScopeConsent(url.searchParams, ctx.state);
        if (!started.ok) return sendHtml(res, 400, errorPage(started.title, started.detail));
        return sendHtml(res, 200, consentPage(started.pending, ctx.user));
      }
      case '/oauth/v2/token/revoke':
        return revoke(ctx, req, url, res);
      case '/oauth/user/info':
        return userInfo(ctx, req, url, res);
      default: {
        // Recorded as well, so a product calling a wrong URL with secrets in it is still caught.
        ctx.record(req, url, await parseFormBody(await readBody(req), req.headers['content-type']));
        return sendText(res, 404, 'Not Found');
      }
    }
  };
}

function authorize(ctx: SimulatorContext, url: URL, res: ServerResponse): void {
  const query = url.searchParams;
  const client = ctx.state.client(query.get('client_id') ?? '');
  // Zoho shows these as pages and never redirects: the redirect URI is not trusted yet.
  if (!client)
    return sendHtml(
      res,
      400,
      errorPage('Invalid Client', 'The transmitted client ID does not exist.'),
    );
  const redirectUri = query.get('redirect_uri');
  if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
    return sendHtml(
      res,
      400,
      errorPage(
        'Invalid Redirect Uri',
        'Redirect URI passed does not match with the one configured.',
      ),
    );
  }
  if (query.get('response_type') !== 'code') {
    return sendHtml(
      res,
      400,
      errorPage('Invalid Response Type', 'The response_type must be "code".'),
    );
  }
  const scopes = parseScopeList(query.get('scope'));
  if (!scopes.ok) {
    const detail =
      scopes.invalid === '' ? 'No scope was requested.' : `Scope does not exist: ${scopes.invalid}`;
    return sendHtml(res, 400, errorPage('Invalid OAuthScope', detail));
  }
  const codeChallenge = query.get('code_challenge') ?? undefined;
  let codeChallengeMethod: 'S256' | 'plain' | undefined;
  if (codeChallenge !== undefined) {
    // RFC 7636 and Zoho's mobile/desktop docs: the method defaults to plain.
    const method = query.get('code_challenge_method') ?? 'plain';
    if (method !== 'S256' && method !== 'plain') {
      return sendHtml(
        res,
        400,
        errorPage('Invalid Code Challenge Method', `Unsupported code_challenge_method: ${method}`),
      );
    }
    codeChallengeMethod = method;
  }
  const pending = ctx.state.createPendingAuthorization({
    clientId: client.clientId,
    redirectUri,
    scopes: scopes.scopes,
    state: query.get('state') ?? undefined,
    accessType: query.get('access_type') === 'offline' ? 'offline' : 'online',
    prompt: query.get('prompt') ?? undefined,
    codeChallenge,
    codeChallengeMethod,
  });
  sendHtml(res, 200, consentPage(pending, ctx.user));
}

/** The consent form post; only the opaque request id is trusted, never other posted fields. */
function decide(ctx: SimulatorContext, form: Record<string, string>, res: ServerResponse): void {
  const decision = form.decision;
  if (decision !== 'accept' && decision !== 'reject') {
    return sendHtml(res, 400, errorPage('Invalid Request', 'Choose Accept or Reject.'));
  }
  const pending = form.request_id ? ctx.state.takePendingAuthorization(form.request_id) : undefined;
  if (!pending) {
    return sendHtml(
      res,
      400,
      errorPage(
        'Request Expired',
        'This authorization request is no longer valid. Go back to the application and start again.',
      ),
    );
  }
  if (pending.enhances)
    return sendRedirect(
      res,
      redirectTo(pending, finishExtraScopeConsent(pending, decision, ctx.state)),
    );
  const state: [string, string][] = pending.state === undefined ? [] : [['state', pending.state]];
  if (decision === 'reject')
    return sendRedirect(res, redirectTo(pending, [['error', 'access_denied'], ...state]));
  const code = ctx.state.issueServerCode(pending);
  // Over 10 codes per 10 minutes for this client: Zoho answers access_denied
  // (docs/zoho.md §9, Limits).
  if (code === 'throttled')
    return sendRedirect(res, redirectTo(pending, [['error', 'access_denied'], ...state]));
  sendRedirect(
    res,
    redirectTo(pending, [
      // Zoho's own example order; URLSearchParams percent-encodes the accounts-server URL as Zoho does.
      ...state,
      ['code', code.code],
      ['location', ctx.location],
      ['accounts-server', ctx.accountsServerOnRedirect],
    ]),
  );
}

function redirectTo(pending: PendingAuthorization, params: [string, string][]): string {
  const target = new URL(pending.redirectUri);
  for (const [name, value] of params) target.searchParams.append(name, value);
  return target.toString();
}

async function token(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const form = await parseFormBody(await readBody(req), req.headers['content-type']);
  ctx.record(req, url, form);
  // The token endpoint is POST-only (docs/zoho.md §4.4).
  if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
  // Zoho documents the parameters in the query string and accepts them there; the body wins.
  const params = { ...firstValues(url.searchParams), ...form };
  const calls = ctx.stats.tokenCalls;
  calls.total += 1;
  if (params.grant_type === 'authorization_code') calls.authorization_code += 1;
  if (params.grant_type === 'refresh_token') calls.refresh_token += 1;
  if (params.grant_type === 'client_credentials') calls.client_credentials += 1;
  const failure = ctx.takeInjectedFailure();
  if (failure) return sendInjectedFailure(res, failure.status, failure.body);
  const answer = answerTokenRequest(params, ctx.state, ctx.tokenConfig);
  sendJson(res, answer.status, answer.body);
}

function sendInjectedFailure(res: ServerResponse, status: number, body: string | undefined): void {
  if (body === undefined)
    return sendText(res, status, DEFAULT_FAILURE_BODY, 'text/html; charset=utf-8');
  let isJson = true;
  try {
    JSON.parse(body);
  } catch {
    isJson = false;
  }
  sendText(
    res,
    status,
    body,
    isJson ? 'application/json;charset=UTF-8' : 'text/plain; charset=utf-8',
  );
}

async function scopeEnhance(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const form = await parseFormBody(await readBody(req), req.headers['content-type']);
  ctx.record(req, url, form);
  if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
  ctx.stats.scopeEnhanceCalls += 1;
  const failure = ctx.takeInjectedFailure();
  if (failure) return sendInjectedFailure(res, failure.status, failure.body);
  const client = form.client_id ? ctx.state.client(form.client_id) : undefined;
  if (!client) return sendJson(res, 200, { error: 'invalid_client' });
  if (form.client_secret !== client.clientSecret)
    return sendJson(res, 200, { error: 'invalid_client_secret' });
  const answer = answerScopeEnhanceToken(form, client, ctx.state);
  sendJson(res, answer.status, answer.body);
}

async function revoke(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const form = await parseFormBody(await readBody(req), req.headers['content-type']);
  ctx.record(req, url, form);
  if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST');
  ctx.stats.revokeCalls += 1;
  // Zoho documents ?token=...; a form field works the same (Zoho's CRM SDK sends it in the body).
  const presented = form.token ?? url.searchParams.get('token') ?? '';
  if (presented !== '' && ctx.state.revoke(presented))
    return sendJson(res, 200, { status: 'success' });
  sendJson(res, 400, { status: 'failure', error: 'invalid_token' });
}

async function userInfo(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  ctx.record(req, url, await parseFormBody(await readBody(req), req.headers['content-type']));
  if (req.method !== 'GET') return sendMethodNotAllowed(res, 'GET');
  ctx.stats.userInfoCalls += 1;
  // Documented to accept both schemes here (docs/zoho.md §4.6, User info); never a token in the
  // query.
  const presented = tokenFromAuthorization(req.headers.authorization, [
    'Zoho-oauthtoken',
    'Bearer',
  ]);
  const access = presented === undefined ? undefined : ctx.state.activeAccessToken(presented);
  if (!access)
    return sendJson(res, 401, {
      code: 'INVALID_OAUTHTOKEN',
      message: 'invalid oauth token',
      status: 'failure',
    });
  if (!hasScope(access.scopes, USER_INFO_SCOPE)) {
    return sendJson(res, 401, {
      code: 'INVALID_OAUTHSCOPE',
      message: 'invalid oauth scope',
      status: 'failure',
    });
  }
  const user = ctx.user;
  sendJson(res, 200, {
    First_Name: user.firstName,
    Last_Name: user.lastName,
    Display_Name: user.displayName,
    Email: user.email,
    ZUID: user.zuid,
  });
}
