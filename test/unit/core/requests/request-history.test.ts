// Request history: what a replay needs (product, organization) is kept; secrets never are.

import { describe, expect, it } from 'vitest';
import { createRequestHistory } from '../../../../main/core/requests/request-history.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
} from '../../../support/memory-document-store.js';
import { FakeClock } from '../../../support/fakes.js';

describe('request history', () => {
  it('keeps the product and organization of a request, and drops the Authorization header', async () => {
    const document = createMemoryDocumentStore(createMemoryDisk());
    const history = createRequestHistory(document, new FakeClock());
    await history.add({
      connection: 'acme-desk',
      request: {
        method: 'GET',
        pathOrUrl: '/api/v1/tickets',
        query: [['limit', '5']],
        headers: [
          ['Authorization', 'Zoho-oauthtoken 1000.secret'],
          ['Accept', 'application/json'],
        ],
        product: 'desk',
        orgId: '20071234',
      },
      status: 200,
    });
    const [entry] = createRequestHistory(document, new FakeClock()).list('acme-desk');
    expect(entry!.request).toEqual({
      method: 'GET',
      pathOrUrl: '/api/v1/tickets',
      query: [['limit', '5']],
      headers: [['Accept', 'application/json']],
      product: 'desk',
      orgId: '20071234',
    });
    expect(document.raw()).not.toContain('1000.secret');
  });
});
