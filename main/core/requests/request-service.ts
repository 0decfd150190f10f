// The test-request use cases of every shell (the window's Send, the CLI's `token-desk request`):
// send a request and keep it in the history (without its secrets, request-history.ts) unless the
// user turned the history off (the keepRequestHistory setting, or `--no-history` for one
// request), say whether Zoho refused it for a missing scope and which one, export it as cURL,
// list and clear the history. Built on the request runner.

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
  /** The user's setting: whether sent requests are kept (default: kept). */
  keepHistory?: () => boolean;
}

export interface SendOptions {
  /** false: do not keep this one request, whatever the setting (`token-desk request --no-history`). */
  history?: boolean;
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
  const keeps = (options: SendOptions) =>
    options.history !== false && (deps.keepHistory?.() ?? true);
  // The history is a convenience: failing to write it must not turn a sent request (whose
  // answer the user is waiting for) into an error.
  const remember = async (entry: Parameters<RequestHistory['add']>[0]) => {
    await history.add(entry).catch(() => undefined);
  };
  return {
    /**
     * Sends and keeps it in the history, whether it succeeded or failed, unless the history is off
     * (the setting, read at each send, or options.history false).
     */
    async send(
      nameOrId: string,
      request: SentRequest,
      options: SendOptions = {},
    ): Promise<SentResponse> {
      const connection = store.require(nameOrId);
      const record = keeps(options);
      try {
        const response = await runner.run(connection.id, request);
        if (record)
          await remember({
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
        if (record)
          await remember({
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

    /** "Clear history": forgets every kept request; returns how many. */
    clearHistory(): Promise<number> {
      return history.clear();
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
