// Zoho Sheet (API v2) on sheet.zoho.<tld>/api/v2. Every call names a `method` parameter
// (workbook.list, worksheet.records.fetch…). Scope names and the request are observed only.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED } from './helpers.js';

export const sheet = {
  id: 'sheet',
  name: 'Zoho Sheet',
  servicePrefix: 'ZohoSheet',
  summary: 'Spreadsheets: workbooks, worksheets and their rows.',
  docs: 'https://www.zoho.com/sheet/help/api/v2/',
  api: {
    host: { kind: 'subdomain', subdomain: 'sheet' },
    basePath: '/api/v2',
    version: 'v2',
    pathPrefixes: ['/api/v2/'],
    confirmed: false,
    source: OBSERVED,
  },
  dcs: dcMap([], '', ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'], OBSERVED),
  scopeFamilies: [
    {
      name: 'dataAPI',
      operations: ['READ', 'UPDATE', 'ALL'],
      description: 'Workbooks and the data in them',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'sheet-read',
      label: 'Sheet: read spreadsheets',
      description: 'List workbooks and read their data.',
      scopes: ['ZohoSheet.dataAPI.READ'],
    },
    {
      id: 'sheet-edit',
      label: 'Sheet: read and edit spreadsheets',
      description: 'Read workbooks and change their data.',
      scopes: ['ZohoSheet.dataAPI.READ', 'ZohoSheet.dataAPI.UPDATE'],
    },
  ],
  samples: [
    {
      id: 'sheet-workbooks',
      label: 'Your workbooks',
      method: 'GET',
      path: '/api/v2/workbooks?method=workbook.list',
      scope: 'ZohoSheet.dataAPI.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/api/v2/**',
      scope: 'dataAPI',
      methods: { POST: 'UPDATE', PUT: 'UPDATE', PATCH: 'UPDATE', DELETE: 'UPDATE' },
      confirmed: false,
      source: OBSERVED,
    },
  ],
} satisfies ProductDefinition;
