// Zoho Desk (API v1) on desk.zoho.<tld>, not zohoapis. The orgId header and host are confirmed on
// Desk's API document; the scope names are only observed in third-party code (a look-up found no
// Zoho page that lists them), so they are marked unconfirmed.

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, families, OBSERVED } from './helpers.js';

const DESK_DOC = 'https://desk.zoho.com/DeskAPIDocument';

export const desk = {
  id: 'desk',
  name: 'Zoho Desk',
  servicePrefix: 'Desk',
  summary: 'Help desk: tickets, contacts, accounts and knowledge base articles.',
  docs: DESK_DOC,
  api: {
    host: { kind: 'subdomain', subdomain: 'desk' },
    basePath: '/api/v1',
    version: 'v1',
    pathPrefixes: ['/api/v1/'],
    confirmed: true,
    source: DESK_DOC,
  },
  dcs: dcMap(
    ['us'],
    DESK_DOC,
    ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'],
    'desk.zoho.<tld> for other DCs observed in third-party code (eu, in, com.au, jp, com.cn); CA and SA assumed',
  ),
  scopeFamilies: [
    // WRITE (create + update + delete, as in CRM) is widely used by Desk integrations.
    ...families(
      [
        ['tickets', 'Tickets, their threads, comments and attachments'],
        ['contacts', 'Contacts (your customers)'],
        ['tasks', 'Tasks'],
      ],
      [...ALL_CRUD, 'WRITE'],
      { confirmed: false, source: OBSERVED },
    ),
    ...families([['accounts', 'Accounts (customer companies)']], ALL_CRUD, {
      confirmed: false,
      source: OBSERVED,
    }),
    {
      name: 'basic',
      operations: ['READ', 'CREATE'],
      description: 'Basic data: organizations, departments, agents and your profile',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'settings',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE', 'WRITE', 'ALL'],
      description: 'Help desk settings: layouts, fields, roles',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'search',
      operations: ['READ'],
      description: 'Search across tickets, contacts and accounts',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'articles',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
      description: 'Knowledge base articles',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'events',
      operations: ['ALL'],
      description: 'Event subscriptions (webhooks)',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'desk-read-tickets',
      label: 'Desk: read tickets',
      description: 'Read tickets and contacts, and list organizations, departments and agents.',
      scopes: ['Desk.tickets.READ', 'Desk.contacts.READ', 'Desk.basic.READ'],
    },
    {
      id: 'desk-read-all',
      label: 'Desk: read everything',
      description: 'Read tickets, contacts, accounts, tasks, articles and settings; search.',
      scopes: [
        'Desk.tickets.READ',
        'Desk.contacts.READ',
        'Desk.accounts.READ',
        'Desk.tasks.READ',
        'Desk.articles.READ',
        'Desk.settings.READ',
        'Desk.search.READ',
        'Desk.basic.READ',
      ],
    },
    {
      id: 'desk-manage-tickets',
      label: 'Desk: manage tickets',
      description: 'Create, answer and update tickets; read contacts and basic data.',
      scopes: [
        'Desk.tickets.READ',
        'Desk.tickets.CREATE',
        'Desk.tickets.UPDATE',
        'Desk.contacts.READ',
        'Desk.basic.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'header',
    name: 'orgId',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/api/v1/organizations',
      scope: 'Desk.basic.READ',
      idField: 'data[].id',
      confirmed: false,
      source: `${DESK_DOC} (endpoint; scope observed)`,
    },
    whereInUi:
      'In Desk: Setup > Developer Space > API, the OrgId under Zoho Service Communication (ZSC) Key.',
    exemptPaths: ['/api/v1/organizations'],
    confirmed: true,
    source: DESK_DOC,
  },
  samples: [
    {
      id: 'desk-organizations',
      label: 'Your Desk organizations',
      method: 'GET',
      path: '/api/v1/organizations',
      scope: 'Desk.basic.READ',
      needsOrg: false,
      confirmed: false,
      source: `${DESK_DOC} (endpoint; scope observed)`,
    },
    {
      id: 'desk-tickets',
      label: 'Latest tickets',
      method: 'GET',
      path: '/api/v1/tickets?limit=5',
      scope: 'Desk.tickets.READ',
      needsOrg: true,
      confirmed: false,
      source: `${DESK_DOC} (endpoint; scope observed)`,
    },
  ],
  routes: [
    { path: '/api/v1/organizations/**', scope: 'basic', confirmed: false, source: OBSERVED },
    { path: '/api/v1/departments/**', scope: 'basic', confirmed: false, source: OBSERVED },
    { path: '/api/v1/agents/**', scope: 'basic', confirmed: false, source: OBSERVED },
    { path: '/api/v1/myinfo', scope: 'basic', confirmed: false, source: OBSERVED },
    { path: '/api/v1/search', scope: 'search', confirmed: false, source: OBSERVED },
    { path: '/api/v1/{resource}/search', scope: 'search', confirmed: false, source: OBSERVED },
    { path: '/api/v1/webhooks/**', scope: 'events', confirmed: false, source: OBSERVED },
    {
      path: '/api/v1/{resource}/**',
      scope: '{resource}',
      aliases: {
        kbarticles: 'articles',
        layouts: 'settings',
        roles: 'settings',
        profiles: 'settings',
      },
      confirmed: false,
      source: OBSERVED,
    },
  ],
} satisfies ProductDefinition;
