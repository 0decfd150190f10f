// The test-request use cases of a window (desktop app, browser mode): send a request and keep it
// in the connection's history (without its secrets, request-history.ts), say whether Zoho refused
// it for a missing scope and which one, export it as cURL, list the history. Built on the request
// runner, which the CLI's `token-desk request` uses directly.

import { isScopeMismatch } from './api-answers.js';
import type { ApiResponse } from './api-request.js';
import { toCurl } from './curl.js';
import type { HistoryEntry, RequestHistory } from './request-history.js';
import { resolveTarget, type RequestRunner } from './request-runner.js';
import { requiredScopeFor } from '../catalog/index.js';
import type { ConnectionStore } from '../store/connection-store-types.js';
import type { TokenManager } from '../tokens/token-manager.js';

export interface RequestServiceDeps {
  store: ConnectionStore;
  tokens: Pick<TokenManager, 'getAccessToken'>;
  runner: RequestRunner;
  history: RequestHistory;
}

/** A request as a window sends it (and as the history keeps it). */
export type SentRequest = HistoryEntry['request'];

export interface SentResponse extends ApiResponse {
  /** Zoho said the token lacks a scope for this call. */
  scopeMismatch: boolean;
  /** The scope the catalog knows this call needs, when it does. */
  missingScope?: string;
}

export function createRequestService(deps: RequestServiceDeps) {
  const { store, runner, history } = deps;
  return {
    /** Sends without keeping it in the history (the CLI's `token-desk request`). */
    run: runner.run,

    /** Sends and keeps it in the history, whether it succeeded or failed. */
    async send(nameOrId: string, request: SentRequest): Promise<SentResponse> {
      const connection = store.require(nameOrId);
      try {
        const response = await runner.run(connection.id, request);
        await history.add({
          connection: connection.name,
          request,
          status: response.status,
          durationMs: response.durationMs,
        });
        // A mismatch the catalog cannot map to a scope still says so, and the UI asks for the scope.
        const scopeMismatch = isScopeMismatch(response.status, response.body);
        const missingScope = scopeMismatch
          ? requiredScopeFor(response.product, request.method, response.url)?.scope
          : undefined;
        return { ...response, scopeMismatch, missingScope };
      } catch (error) {
        await history.add({
          connection: connection.name,
          request,
          error: error instanceof Error ? error.message : 'failed',
        });
        throw error;
      }
    },

    /** The connection's history, newest first (every connection's without a name). */
    history(name?: string): HistoryEntry[] {
      return history.list(name);
    },

    /** The request as a cURL command line; with the access token only when asked. */
    async curl(nameOrId: string, request: SentRequest, includeToken: boolean): Promise<string> {
      const target = resolveTarget(store.require(nameOrId), request);
      const token = includeToken
        ? (await deps.tokens.getAccessToken(nameOrId)).accessToken
        : undefined;
      return toCurl(target.url.href, target.request, token);
    },
  };
}
export type RequestService = ReturnType<typeof createRequestService>;
