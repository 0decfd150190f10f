// Sends a test API request for a connection: resolves the URL, adds the Authorization header from
// the token manager, and on Zoho's INVALID_TOKEN answer refreshes once and sends it again.
// Requests run in main (or the CLI), so the token never reaches the renderer.

import { TokenDeskError } from '../errors.js';
import type { Clock, FetchPort } from '../ports.js';
import type { TokenManager } from '../tokens/token-manager.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { requestProduct, resolveRequestUrl } from './request-url.js';
import { applyOrgContext } from '../catalog/index.js';
import type { Connection } from '../store/connection.js';

export interface RequestRunnerDeps {
  store: ConnectionStore;
  tokens: TokenManager;
  fetch?: FetchPort;
  clock: Clock;
  timeoutMs?: number;
}

/** Zoho's ways of saying "this access token is not valid (any more)". */
function isInvalidTokenAnswer(status: number, body: string): boolean {
  if (status !== 401) return false;
  return /"(code|errorCode|message)"\s*:\s*"?(INVALID_TOKEN|INVALID_OAUTHTOKEN|AUTHENTICATION_FAILURE|14)\b/.test(
    body,
  );
}

/**
 * Where a request goes and what it carries: its product (named by the request, else found from
 * the path), the URL (product host, query), and the product's organization context when the
 * user gave one (a header or a query parameter, per the catalog).
 */
export function resolveTarget(connection: Connection, request: ApiRequest) {
  const product = requestProduct(request);
  const url = resolveRequestUrl(connection, request.pathOrUrl, product);
  for (const [key, value] of request.query ?? []) url.searchParams.append(key, value);
  if (!product || !request.orgId)
    return { url, request, product: product?.id, orgContextApplied: false };
  const applied = applyOrgContext(
    product.id,
    { url: url.href, headers: Object.fromEntries(request.headers ?? []) },
    request.orgId,
  );
  return {
    url: new URL(applied.url),
    request: { ...request, headers: Object.entries(applied.headers) as Array<[string, string]> },
    product: product.id,
    orgContextApplied:
      applied.url !== url.href ||
      Object.keys(applied.headers).length !== (request.headers ?? []).length,
  };
}

export function createRequestRunner(deps: RequestRunnerDeps) {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? 30_000;

  async function send(url: URL, request: ApiRequest, accessToken: string) {
    const headers = new Headers();
    for (const [key, value] of request.headers ?? []) {
      if (key.toLowerCase() !== 'authorization') headers.append(key, value);
    }
    headers.set('Authorization', `Zoho-oauthtoken ${accessToken}`);
    const hasBody =
      request.body !== undefined &&
      request.body !== '' &&
      !['GET', 'HEAD'].includes(request.method.toUpperCase());
    if (hasBody && !headers.has('content-type')) headers.set('Content-Type', 'application/json');
    const started = deps.clock.now();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method.toUpperCase(),
        headers,
        body: hasBody ? request.body : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new TokenDeskError(
        timedOut ? 'request_timeout' : 'network_error',
        timedOut
          ? `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`
          : `Could not reach ${url.host}.`,
        {
          category: 'network',
          remedy: 'Check your internet connection or proxy, then send the request again.',
          cause: error,
        },
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      url: url.href,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()],
      body: new TextDecoder().decode(bytes),
      sizeBytes: bytes.byteLength,
      durationMs: deps.clock.now() - started,
    };
  }

  return {
    async run(nameOrId: string, request: ApiRequest): Promise<ApiResponse> {
      const connection = deps.store.require(nameOrId);
      const target = resolveTarget(connection, request);
      const token = await deps.tokens.getAccessToken(connection.id);
      const first = await send(target.url, target.request, token.accessToken);
      const extra = { product: target.product, orgContextApplied: target.orgContextApplied };
      if (!isInvalidTokenAnswer(first.status, first.body))
        return { ...first, ...extra, retriedAfterRefresh: false };
      const fresh = await deps.tokens.refresh(connection.id);
      const second = await send(target.url, target.request, fresh.accessToken);
      return { ...second, ...extra, retriedAfterRefresh: true };
    },
  };
}

export type RequestRunner = ReturnType<typeof createRequestRunner>;
