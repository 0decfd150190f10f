// Zoho Analytics (API v2) on analyticsapi.zoho.<tld> (Canada: analyticsapi.zohocloud.ca). Hosts
// per DC, the ZANALYTICS-ORGID header and ZohoAnalytics.metadata.read are confirmed on Zoho's
// Analytics API pages (looked up; URLs in `source`); the other scopes are observed.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED } from './helpers.js';

const SPEC = 'https://www.zoho.com/analytics/api/v2/api-specification.html';
const META = 'https://zoho.com/analytics/api/v2/metadata-api/meta-deatils.html';

export const analytics = {
  id: 'analytics',
  name: 'Zoho Analytics',
  servicePrefix: 'ZohoAnalytics',
  summary: 'BI: workspaces, tables, reports and dashboards, and their data.',
  docs: 'https://www.zoho.com/analytics/api/v2/',
  api: {
    host: { kind: 'subdomain', subdomain: 'analyticsapi' },
    basePath: '/restapi/v2',
    version: 'v2',
    pathPrefixes: ['/restapi/v2/'],
    confirmed: true,
    source: SPEC,
  },
  dcs: dcMap(['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'], SPEC),
  scopeFamilies: [
    {
      name: 'metadata',
      operations: ['READ'],
      description: 'Organizations, workspaces, views and their structure',
      confirmed: true,
      source: META,
    },
    {
      name: 'data',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
      description: 'Rows in tables: export, import, add, change',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'usermanagement',
      operations: ['READ'],
      description: 'Users of the organization',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'share',
      operations: ['CREATE'],
      description: 'Share views with users',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'fullaccess',
      operations: ['ALL'],
      description: 'Everything in Zoho Analytics (broadest possible)',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'analytics-read-all',
      label: 'Analytics: read workspaces and data',
      description: 'List organizations, workspaces and views, and export data.',
      scopes: ['ZohoAnalytics.metadata.READ', 'ZohoAnalytics.data.READ'],
    },
  ],
  orgContext: {
    kind: 'header',
    name: 'ZANALYTICS-ORGID',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/restapi/v2/orgs',
      scope: 'ZohoAnalytics.metadata.READ',
      idField: 'data.orgs[].orgId',
      confirmed: false,
      source: `${SPEC} (Get Organizations API); scope observed`,
    },
    whereInUi:
      'In Analytics: Settings > Manage Organizations; or ask Token Desk to list them (needs metadata.read).',
    exemptPaths: ['/restapi/v2/orgs'],
    confirmed: true,
    source: META,
  },
  samples: [
    {
      id: 'analytics-orgs',
      label: 'Your Analytics organizations',
      method: 'GET',
      path: '/restapi/v2/orgs',
      scope: 'ZohoAnalytics.metadata.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
    {
      id: 'analytics-workspaces',
      label: 'Your workspaces',
      method: 'GET',
      path: '/restapi/v2/workspaces',
      scope: 'ZohoAnalytics.metadata.READ',
      needsOrg: true,
      confirmed: false,
      source: SPEC,
    },
  ],
  routes: [
    { path: '/restapi/v2/orgs/**', scope: 'metadata', confirmed: false, source: OBSERVED },
    {
      path: '/restapi/v2/bulk/**',
      scope: 'data',
      methods: { POST: 'CREATE' },
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/restapi/v2/workspaces/{ws}/views/{view}/rows',
      scope: 'data',
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/restapi/v2/workspaces/{ws}/views/{view}/data',
      scope: 'data',
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/restapi/v2/users/**', scope: 'usermanagement', confirmed: false, source: OBSERVED },
    { path: '/restapi/v2/**', scope: 'metadata', confirmed: false, source: META },
  ],
} satisfies ProductDefinition;
