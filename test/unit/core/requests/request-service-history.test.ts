// Whether a sent request is kept: the user's setting (read at each send), --no-history for one
// request, and "Clear history" / removing a connection forget what was kept.

import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../../../main/core/requests/api-request.js';
import { createRequestHistory } from '../../../../main/core/requests/request-history.js';
import type { RequestRunner } from '../../../../main/core/requests/request-runner.js';
import {
  createRequestService,
  type SentRequest,
} from '../../../../main/core/requests/request-service.js';
import type { TokenManager } from '../../../../main/core/tokens/token-manager.js';
import { FakeClock, InMemoryConnectionStore, makeConnection } from '../../../support/fakes.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
} from '../../../support/memory-document-store.js';

const REQUEST: SentRequest = {
  method: 'POST',
  pathOrUrl: '/crm/v8/Leads',
  query: [['trigger', 'workflow']],
  headers: [['Authorization', 'Zoho-oauthtoken 1000.secret']],
  body: '{"data":[{"Last_Name":"Lovelace"}]}',
};

function setup(options: { fail?: boolean; failHistoryWrites?: boolean } = {}) {
  let keep = true;
  const document = createMemoryDocumentStore(createMemoryDisk());
  if (options.failHistoryWrites) {
    document.write = async () => {
      throw new Error('disk full');
    };
  }
  const history = createRequestHistory(document, new FakeClock());
  const runner = {
    run: async (_name: string, _request: ApiRequest): Promise<ApiResponse> => {
      if (options.fail) throw new Error('Zoho could not be reached.');
      return {
        url: 'https://www.zohoapis.com/crm/v8/Leads',
        status: 201,
        statusText: 'Created',
        headers: [],
        body: '{}',
        sizeBytes: 2,
        durationMs: 7,
        retriedAfterRefresh: false,
        orgContextApplied: false,
      };
    },
  } as RequestRunner;
  const service = createRequestService({
    store: new InMemoryConnectionStore([makeConnection({ name: 'acme' })]),
    tokens: {} as TokenManager,
    runner,
    history,
    keepHistory: () => keep,
  });
  return { service, history, document, setKeep: (value: boolean) => (keep = value) };
}

describe('request service: the history is optional', () => {
  it('keeps a sent request (query and body, never the token) while the setting is on', async () => {
    const { service, document } = setup();
    await service.send('acme', REQUEST);
    const [entry] = service.history('acme');
    expect(entry).toMatchObject({
      connection: 'acme',
      status: 201,
      request: { query: [['trigger', 'workflow']], body: REQUEST.body, headers: [] },
    });
    expect(document.raw()).not.toContain('1000.secret');
  });

  it('keeps nothing while the setting is off, read at each send, and nothing for a --no-history send', async () => {
    const { service, setKeep, document } = setup();
    setKeep(false);
    await service.send('acme', REQUEST);
    expect(document.raw()).toBeUndefined();
    setKeep(true);
    await service.send('acme', REQUEST, { history: false });
    expect(service.history()).toEqual([]);
    await service.send('acme', REQUEST);
    expect(service.history()).toHaveLength(1);
  });

  it('keeps a failed send with its error, unless the history is off', async () => {
    const { service, setKeep } = setup({ fail: true });
    await expect(service.send('acme', REQUEST)).rejects.toThrow('Zoho could not be reached.');
    expect(service.history()[0]).toMatchObject({ error: 'Zoho could not be reached.' });
    setKeep(false);
    await expect(service.send('acme', REQUEST)).rejects.toThrow('Zoho could not be reached.');
    expect(service.history()).toHaveLength(1);
  });

  it('still answers when the history cannot be written', async () => {
    const { service } = setup({ failHistoryWrites: true });
    await expect(service.send('acme', REQUEST)).resolves.toMatchObject({ status: 201 });
  });

  it('Clear history forgets every connection\u2019s requests and says how many; forget removes one connection\u2019s', async () => {
    const { service, history, document } = setup();
    await service.send('acme', REQUEST);
    await service.send('acme', REQUEST);
    await history.add({ connection: 'other', request: REQUEST, status: 200 });
    await history.forget('other');
    expect(service.history().map((e) => e.connection)).toEqual(['acme', 'acme']);
    await expect(service.clearHistory()).resolves.toBe(2);
    expect(service.history()).toEqual([]);
    expect(JSON.parse(document.raw()!)).toEqual([]);
    expect(document.raw()).not.toContain('Lovelace');
  });
});
