// Zoho Recruit (API v2) on recruit.zoho.<tld>. Scopes confirmed on Recruit's API v2 pages
// (docs/zoho.md §12, S:RECRUIT-USERS, S:RECRUIT-MODULES).

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, families, REF } from './helpers.js';

const USERS = 'https://www.zoho.com/recruit/developer-guide/apiv2/get-users.html';
const MODULES = 'https://www.zoho.com/recruit/developer-guide/apiv2/modules-api.html';

export const recruit = {
  id: 'recruit',
  name: 'Zoho Recruit',
  servicePrefix: 'ZohoRecruit',
  summary: 'Hiring: candidates, job openings, interviews and clients.',
  docs: 'https://www.zoho.com/recruit/developer-guide/apiv2/',
  api: {
    host: { kind: 'subdomain', subdomain: 'recruit' },
    basePath: '/recruit/v2',
    version: 'v2',
    pathPrefixes: ['/recruit/'],
    confirmed: true,
    source: USERS,
  },
  dcs: dcMap(['us'], USERS, ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'modules',
      operations: ['ALL'],
      description: 'Records in every Recruit module',
      confirmed: true,
      source: MODULES,
    },
    ...families(
      [
        ['modules.candidate', 'Candidates'],
        ['modules.jobopening', 'Job openings'],
        ['modules.client', 'Clients (for staffing agencies)'],
        ['modules.interview', 'Interviews'],
        ['modules.contact', 'Contacts at clients'],
        ['modules.custom', 'Records in your custom modules'],
      ],
      ALL_CRUD,
      { confirmed: true, source: MODULES },
    ),
    {
      name: 'users',
      operations: ['ALL', 'READ'],
      description: 'Recruit users',
      confirmed: true,
      source: USERS,
    },
    {
      name: 'setup.operation',
      operations: ['ALL', 'READ'],
      description: 'Setup: modules, fields and layouts',
      confirmed: true,
      source: MODULES,
    },
  ],
  presets: [
    {
      id: 'recruit-read-all',
      label: 'Recruit: read candidates and jobs',
      description: 'Read candidates, job openings, interviews and clients, and the module setup.',
      scopes: [
        'ZohoRecruit.modules.candidate.READ',
        'ZohoRecruit.modules.jobopening.READ',
        'ZohoRecruit.modules.interview.READ',
        'ZohoRecruit.modules.client.READ',
        'ZohoRecruit.users.READ',
        'ZohoRecruit.setup.operation.READ',
      ],
    },
  ],
  samples: [
    {
      id: 'recruit-current-user',
      label: 'Current Recruit user',
      method: 'GET',
      path: '/recruit/v2/users?type=CurrentUser',
      scope: 'ZohoRecruit.users.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('RECRUIT-USERS'),
    },
    {
      id: 'recruit-modules',
      label: 'List of modules',
      method: 'GET',
      path: '/recruit/v2/settings/modules',
      scope: 'ZohoRecruit.setup.operation.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('RECRUIT-MODULES'),
    },
  ],
  routes: [
    { path: '/recruit/{v}/users/**', scope: 'users', confirmed: true, source: USERS },
    {
      path: '/recruit/{v}/settings/**',
      scope: 'setup.operation',
      confirmed: true,
      source: MODULES,
    },
    {
      path: '/recruit/{v}/{module}/**',
      scope: 'modules.{module}',
      fallback: 'modules.custom',
      aliases: {
        candidates: 'candidate',
        jobopenings: 'jobopening',
        clients: 'client',
        interviews: 'interview',
        contacts: 'contact',
      },
      confirmed: true,
      source: MODULES,
    },
  ],
} satisfies ProductDefinition;
