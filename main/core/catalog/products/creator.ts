// Zoho Creator (API v2.1) on www.zohoapis.<tld>/creator/v2.1 (the older v2 lived on
// creator.zoho.<tld>/api/v2). Scopes confirmed on Creator's OAuth overview (docs/zoho.md §12,
// S:CREATOR-OAUTH). The app owner and app name are part of each path, so no organization context is
// added.

import type { ProductDefinition } from '../types.js';
import { dcMap, REF } from './helpers.js';

const OAUTH = 'https://www.zoho.com/creator/help/api/v2/oauth-overview.html';
const APPS = 'https://www.zoho.com/creator/help/api/v2.1/get-applications.html';

export const creator = {
  id: 'creator',
  name: 'Zoho Creator',
  servicePrefix: 'ZohoCreator',
  summary: 'Low-code apps: their forms, reports (records) and metadata.',
  docs: 'https://www.zoho.com/creator/help/api/v2.1/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/creator/v2.1',
    version: 'v2.1',
    pathPrefixes: ['/creator/'],
    confirmed: true,
    source: APPS,
    note: 'Creator docs tell clients to use this base URL rather than the token response api_domain.',
  },
  dcs: dcMap(['us'], APPS, ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'form',
      operations: ['CREATE'],
      description: 'Add records through forms',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'report',
      operations: ['CREATE', 'READ', 'UPDATE', 'DELETE'],
      description: 'Records shown in reports',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'dashboard',
      operations: ['READ'],
      description: 'Your applications (the dashboard list)',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'meta.application',
      operations: ['READ'],
      description: 'Forms, reports and pages of an application',
      confirmed: true,
      source: OAUTH,
    },
    {
      name: 'meta.form',
      operations: ['READ'],
      description: 'Fields of a form',
      confirmed: true,
      source: OAUTH,
    },
  ],
  presets: [
    {
      id: 'creator-read-all',
      label: 'Creator: read apps and records',
      description: 'List your apps and their structure, and read report records.',
      scopes: [
        'ZohoCreator.dashboard.READ',
        'ZohoCreator.meta.application.READ',
        'ZohoCreator.meta.form.READ',
        'ZohoCreator.report.READ',
      ],
    },
    {
      id: 'creator-manage-records',
      label: 'Creator: manage records',
      description: 'Add, change and delete records; read app structure.',
      scopes: [
        'ZohoCreator.form.CREATE',
        'ZohoCreator.report.READ',
        'ZohoCreator.report.UPDATE',
        'ZohoCreator.report.DELETE',
        'ZohoCreator.meta.application.READ',
        'ZohoCreator.meta.form.READ',
      ],
    },
  ],
  samples: [
    {
      id: 'creator-applications',
      label: 'Your applications',
      method: 'GET',
      path: '/creator/v2.1/meta/applications',
      scope: 'ZohoCreator.dashboard.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('CREATOR-APPS'),
    },
  ],
  routes: [
    { path: '/creator/{v}/meta/applications', scope: 'dashboard', confirmed: true, source: APPS },
    {
      path: '/creator/{v}/meta/{owner}/{app}/form/{form}/**',
      scope: 'meta.form',
      confirmed: false,
      source: OAUTH,
    },
    { path: '/creator/{v}/meta/**', scope: 'meta.application', confirmed: false, source: OAUTH },
    {
      path: '/creator/{v}/data/{owner}/{app}/form/**',
      scope: 'form',
      methods: { POST: 'CREATE' },
      confirmed: false,
      source: OAUTH,
    },
    {
      path: '/creator/{v}/data/{owner}/{app}/report/**',
      scope: 'report',
      methods: { PATCH: 'UPDATE', PUT: 'UPDATE' },
      confirmed: false,
      source: OAUTH,
    },
  ],
} satisfies ProductDefinition;
