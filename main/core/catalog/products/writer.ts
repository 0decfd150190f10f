// Zoho Writer on www.zohoapis.<tld>/writer/api/v1 (docs/zoho.md §12, S:WRITER-START: 8 DCs incl.
// China). Scope names observed only; Writer offers no read-only scope that we know of.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

export const writer = {
  id: 'writer',
  name: 'Zoho Writer',
  servicePrefix: 'ZohoWriter',
  summary: 'Documents: create, edit and merge (mail merge, fillable templates).',
  docs: 'https://www.zoho.com/writer/help/api/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/writer/api/v1',
    version: 'v1',
    pathPrefixes: ['/writer/'],
    confirmed: true,
    source: REF('WRITER-START'),
  },
  dcs: dcMap(
    ['us', 'cn'],
    REF('WRITER-START'),
    ['eu', 'in', 'au', 'jp', 'ca', 'sa'],
    'Writer lists 8 DCs including China; the others were not checked',
  ),
  scopeFamilies: [
    {
      name: 'documentEditor',
      operations: ['ALL'],
      description: 'Your Writer documents: list, create, edit',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'merge',
      operations: ['ALL'],
      description: 'Merge data into templates (mail merge)',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'writer-documents',
      label: 'Writer: work with documents',
      description: 'List, create and edit documents (Writer has no read-only scope).',
      scopes: ['ZohoWriter.documentEditor.ALL'],
    },
    {
      id: 'writer-merge',
      label: 'Writer: merge templates',
      description: 'Merge data into Writer templates.',
      scopes: ['ZohoWriter.merge.ALL', 'ZohoWriter.documentEditor.ALL'],
    },
  ],
  samples: [
    {
      id: 'writer-documents',
      label: 'Your documents',
      method: 'GET',
      path: '/writer/api/v1/documents',
      scope: 'ZohoWriter.documentEditor.ALL',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/writer/api/v1/documents/{doc}/merge/**',
      scope: 'merge',
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/writer/api/v1/**', scope: 'documentEditor', confirmed: false, source: OBSERVED },
  ],
} satisfies ProductDefinition;
