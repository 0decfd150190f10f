// Zoho Campaigns (API v1.1) on campaigns.zoho.<tld> (docs/zoho.md §12, S:CAMPAIGNS-DC). Scope names
// and the sample request are observed only.

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, OBSERVED, REF } from './helpers.js';

const DCS = 'https://www.zoho.com/campaigns/help/developers/data-centers.html';

export const campaigns = {
  id: 'campaigns',
  name: 'Zoho Campaigns',
  servicePrefix: 'ZohoCampaigns',
  summary: 'Email marketing: mailing lists, subscribers and campaigns.',
  docs: 'https://www.zoho.com/campaigns/help/developers/',
  api: {
    host: { kind: 'subdomain', subdomain: 'campaigns' },
    basePath: '/api/v1.1',
    version: 'v1.1',
    pathPrefixes: ['/api/v1.1/'],
    confirmed: true,
    source: REF('CAMPAIGNS-DC'),
  },
  dcs: dcMap(['us'], DCS, ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'campaign',
      operations: ALL_CRUD,
      description: 'Email campaigns and their reports',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'contact',
      operations: ALL_CRUD,
      description: 'Mailing lists and their subscribers',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'userinfo',
      operations: ['READ'],
      description: 'Your Campaigns account details',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'campaigns-read-all',
      label: 'Campaigns: read lists and campaigns',
      description: 'Read mailing lists, subscribers and campaign reports.',
      scopes: ['ZohoCampaigns.campaign.READ', 'ZohoCampaigns.contact.READ'],
    },
  ],
  samples: [
    {
      id: 'campaigns-lists',
      label: 'Your mailing lists',
      method: 'GET',
      path: '/api/v1.1/getmailinglists?resfmt=JSON',
      scope: 'ZohoCampaigns.contact.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    { path: '/api/v1.1/getmailinglists', scope: 'contact', confirmed: false, source: OBSERVED },
    { path: '/api/v1.1/getlistsubscribers', scope: 'contact', confirmed: false, source: OBSERVED },
    {
      path: '/api/v1.1/json/listsubscribe',
      scope: 'contact',
      methods: { POST: 'CREATE', GET: 'CREATE' },
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/api/v1.1/recentcampaigns', scope: 'campaign', confirmed: false, source: OBSERVED },
    { path: '/api/v1.1/getcampaigndetails', scope: 'campaign', confirmed: false, source: OBSERVED },
  ],
} satisfies ProductDefinition;
