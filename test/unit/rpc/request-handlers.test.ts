// The request and catalog rpc handlers: what the UI gets for samples (headers, params, product)
// and for a scope mismatch.

import { describe, expect, it } from 'vitest';
import { createRpcHandlers, type RpcHandlerDeps } from '../../../main/rpc/handlers.js';
import { methods } from '../../../main/rpc/contract.js';
import { createRequestHistory } from '../../../main/core/requests/request-history.js';
import type { ApiRequest, ApiResponse } from '../../../main/core/requests/api-request.js';
import type { RequestRunner } from '../../../main/core/requests/request-runner.js';
import { createRequestService } from '../../../main/core/requests/request-service.js';
import type { TokenManager } from '../../../main/core/tokens/token-manager.js';
import { FakeClock, InMemoryConnectionStore, makeConnection } from '../../support/fakes.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
} from '../../support/memory-document-store.js';

function handlersFor(answer: (request: ApiRequest) => Partial<ApiResponse>) {
  const connection = makeConnection({
    name: 'acme',
    scopes: ['WorkDrive.team.READ', 'Desk.tickets.READ', 'ZohoCRM.settings.ALL'],
    grantedScopes: ['WorkDrive.team.READ', 'Desk.tickets.READ', 'ZohoCRM.settings.ALL'],
    user: { email: 'ada@acme.example', zuid: '700001' },
  });
  const sent: ApiRequest[] = [];
  const requests = {
    run: async (_name: string, request: ApiRequest): Promise<ApiResponse> => {
      sent.push(request);
      return {
        url: 'https://www.zohoapis.eu/x',
        status: 200,
        statusText: 'OK',
        headers: [],
        body: '{}',
        sizeBytes: 2,
        durationMs: 5,
        retriedAfterRefresh: false,
        orgContextApplied: false,
        ...answer(request),
      };
    },
  } as RequestRunner;
  const store = new InMemoryConnectionStore([connection]);
  const deps = {
    store,
    requests: createRequestService({
      store,
      tokens: {} as TokenManager,
      runner: requests,
      history: createRequestHistory(createMemoryDocumentStore(createMemoryDisk()), new FakeClock()),
    }),
    emit: () => {},
  } as unknown as RpcHandlerDeps;
  return { handlers: createRpcHandlers(deps), sent };
}

describe('request and catalog handlers', () => {
  it('passes sample headers, params (filled when known), product and organization need to the UI', async () => {
    const { handlers } = handlersFor(() => ({}));
    const samples = methods['catalog.samples'].result.parse(
      await handlers['catalog.samples']({ name: 'acme' }),
    );
    const teams = samples.find((s) => s.id === 'workdrive-teams')!;
    expect(teams).toMatchObject({
      product: 'workdrive',
      path: '/workdrive/api/v1/users/{zuid}/teams',
      headers: [['Accept', 'application/vnd.api+json']],
      params: [expect.objectContaining({ name: 'zuid', value: '700001' })],
    });
    expect(samples.find((s) => s.id === 'desk-tickets')).toMatchObject({
      product: 'desk',
      needsOrg: true,
    });
  });

  it('says a scope is missing even when the catalog cannot name it', async () => {
    const body =
      '{"code":"OAUTH_SCOPE_MISMATCH","message":"invalid oauth scope to access this URL"}';
    const { handlers } = handlersFor(() => ({
      url: 'https://www.zohoapis.eu/crm/v8/unknown_feature/x',
      status: 401,
      body,
      product: 'crm',
    }));
    const unknown = await handlers['requests.send']({
      name: 'acme',
      request: { method: 'GET', pathOrUrl: '/crm/v8/org', query: [], headers: [] },
    });
    expect(unknown).toMatchObject({ scopeMismatch: true });
    // The catalog maps /crm/v8/Leads to a scope: then it names it.
    const { handlers: known } = handlersFor(() => ({
      url: 'https://www.zohoapis.eu/crm/v8/Leads',
      status: 401,
      body,
      product: 'crm',
    }));
    expect(
      await known['requests.send']({
        name: 'acme',
        request: { method: 'GET', pathOrUrl: '/crm/v8/Leads', query: [], headers: [] },
      }),
    ).toMatchObject({ scopeMismatch: true, missingScope: 'ZohoCRM.modules.leads.READ' });
  });

  it('hands the product and organization of the request to the runner', async () => {
    const { handlers, sent } = handlersFor(() => ({}));
    const request = methods['requests.send'].params.parse({
      name: 'acme',
      request: { method: 'GET', pathOrUrl: '/api/v1/tickets', product: 'desk', orgId: '2007' },
    }).request;
    await handlers['requests.send']({ name: 'acme', request });
    expect(sent[0]).toMatchObject({ pathOrUrl: '/api/v1/tickets', product: 'desk', orgId: '2007' });
    expect(() =>
      methods['requests.send'].params.parse({
        name: 'acme',
        request: { method: 'GET', pathOrUrl: '/x', product: 'zendesk' },
      }),
    ).toThrow();
  });
});
