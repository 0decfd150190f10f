// Zoho Sign on sign.zoho.<tld>/api/v1. Scope families confirmed on Sign's OAuth page
// (docs/zoho.md §12, S:SIGN-OAUTH); the sample path is observed.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

const OAUTH = 'https://www.zoho.com/sign/api/oauth.html';

export const sign = {
  id: 'sign',
  name: 'Zoho Sign',
  servicePrefix: 'ZohoSign',
  summary: 'E-signatures: documents sent for signature and templates.',
  docs: 'https://www.zoho.com/sign/api/',
  api: {
    host: { kind: 'subdomain', subdomain: 'sign' },
    basePath: '/api/v1',
    version: 'v1',
    pathPrefixes: ['/api/v1/'],
    confirmed: true,
    source: REF('SIGN-START'),
  },
  dcs: dcMap(['us'], REF('SIGN-START'), ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'documents',
      operations: ['ALL', 'READ', 'CREATE', 'UPDATE'],
      description: 'Documents sent for signature (sign requests)',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'templates',
      operations: ['ALL', 'READ', 'CREATE', 'UPDATE'],
      unconfirmedOperations: ['READ', 'CREATE', 'UPDATE'],
      description: 'Reusable document templates',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'account',
      operations: ['ALL', 'READ', 'UPDATE'],
      unconfirmedOperations: ['READ', 'UPDATE'],
      description: 'Your Sign account and its users',
      confirmed: true,
      source: OAUTH,
    },
  ],
  presets: [
    {
      id: 'sign-read-documents',
      label: 'Sign: read documents',
      description: 'Read sign requests and templates.',
      scopes: ['ZohoSign.documents.READ', 'ZohoSign.templates.READ'],
    },
    {
      id: 'sign-send-documents',
      label: 'Sign: send documents for signature',
      description: 'Create and send sign requests; read templates.',
      scopes: [
        'ZohoSign.documents.CREATE',
        'ZohoSign.documents.READ',
        'ZohoSign.documents.UPDATE',
        'ZohoSign.templates.READ',
      ],
    },
  ],
  samples: [
    {
      id: 'sign-requests',
      label: 'Latest sign requests',
      method: 'GET',
      path: '/api/v1/requests',
      scope: 'ZohoSign.documents.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    { path: '/api/v1/requests/**', scope: 'documents', confirmed: false, source: OAUTH },
    { path: '/api/v1/templates/**', scope: 'templates', confirmed: false, source: OAUTH },
    { path: '/api/v1/accounts/**', scope: 'account', confirmed: false, source: OAUTH },
  ],
} satisfies ProductDefinition;
