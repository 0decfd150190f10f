// Bigin (API v2): Zoho's small-business CRM. Module and settings scopes confirmed on Bigin's
// developer docs (looked up; URLs in `source`); users.ALL on the Bigin multi-DC
// page (docs/zoho.md §12, The product catalog).

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, families, OBSERVED, REF } from './helpers.js';

const GET_RECORDS = 'https://www.zoho.com/bigin/developer/docs/apis/get-records.html';
const MODULES_API = 'https://www.zoho.com/bigin/developer/docs/apis/modules-api.html';
const V2_DCS = 'https://www.bigin.com/developer/docs/apis/v2/get-records.html';

export const bigin = {
  id: 'bigin',
  name: 'Bigin',
  servicePrefix: 'ZohoBigin',
  summary: 'Pipelines, contacts and companies in Bigin, the small-business CRM.',
  docs: 'https://www.bigin.com/developer/docs/apis/v2/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/bigin/v2',
    version: 'v2',
    pathPrefixes: ['/bigin/'],
    confirmed: true,
    source: V2_DCS,
  },
  dcs: dcMap(['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'], V2_DCS),
  scopeFamilies: [
    {
      name: 'modules',
      operations: ALL_CRUD,
      unconfirmedOperations: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
      description: 'Records in every Bigin module',
      confirmed: true,
      source: GET_RECORDS,
    },
    ...families(
      [
        ['modules.contacts', 'Contacts: the people you work with'],
        ['modules.accounts', 'Companies (called Accounts in the API)'],
        ['modules.deals', 'Deals in your pipelines'],
        ['modules.products', 'Products you sell'],
        ['modules.tasks', 'Tasks'],
        ['modules.events', 'Events (meetings)'],
        ['modules.calls', 'Calls'],
        ['modules.activities', 'All activities: tasks, events and calls'],
      ],
      ALL_CRUD,
      { confirmed: true, source: GET_RECORDS },
    ),
    ...families(
      [
        ['modules.pipelines', 'Pipeline records (deals, in API v2 terms)'],
        ['modules.notes', 'Notes on records'],
      ],
      ALL_CRUD,
      { confirmed: false, source: OBSERVED },
    ),
    {
      name: 'settings',
      operations: ['ALL'],
      description: 'All Bigin settings and metadata',
      confirmed: true,
      source: MODULES_API,
    },
    {
      name: 'settings.modules',
      operations: ['ALL', 'READ'],
      description: 'The list of modules and their settings',
      confirmed: true,
      source: MODULES_API,
    },
    {
      name: 'settings.fields',
      operations: ['ALL', 'READ'],
      description: 'Field definitions of each module',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'settings.layouts',
      operations: ['ALL', 'READ'],
      description: 'Layouts of each module',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'users',
      operations: ['ALL', 'READ'],
      unconfirmedOperations: ['READ'],
      description: 'Bigin users',
      confirmed: true,
      source: REF('BIGIN-MDC'),
    },
    {
      name: 'org',
      operations: ['ALL', 'READ'],
      description: 'Your Bigin organization',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'coql',
      operations: ['READ'],
      description: 'Run COQL (SQL-like) queries over records',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'notifications',
      operations: ['ALL'],
      description: 'Change notifications (webhooks)',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'bigin-read-all',
      label: 'Bigin: read everything',
      description: 'Read records in every module, the module list and users.',
      scopes: ['ZohoBigin.modules.READ', 'ZohoBigin.settings.modules.READ', 'ZohoBigin.users.READ'],
    },
    {
      id: 'bigin-manage-records',
      label: 'Bigin: manage records',
      description: 'Create, change and delete records in every module; read the module list.',
      scopes: ['ZohoBigin.modules.ALL', 'ZohoBigin.settings.modules.READ'],
    },
  ],
  samples: [
    {
      id: 'bigin-current-user',
      label: 'Current Bigin user',
      method: 'GET',
      path: '/bigin/v2/users?type=CurrentUser',
      scope: 'ZohoBigin.users.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
    {
      id: 'bigin-contacts',
      label: 'First 5 contacts',
      method: 'GET',
      path: '/bigin/v2/Contacts?fields=Last_Name,Email&per_page=5',
      scope: 'ZohoBigin.modules.contacts.READ',
      needsOrg: false,
      confirmed: true,
      source: V2_DCS,
    },
    {
      id: 'bigin-modules',
      label: 'List of modules',
      method: 'GET',
      path: '/bigin/v2/settings/modules',
      scope: 'ZohoBigin.settings.modules.READ',
      needsOrg: false,
      confirmed: true,
      source: MODULES_API,
    },
  ],
  routes: [
    { path: '/bigin/{v}/org/**', scope: 'org', confirmed: false, source: OBSERVED },
    { path: '/bigin/{v}/users/**', scope: 'users', confirmed: true, source: REF('BIGIN-MDC') },
    {
      path: '/bigin/{v}/coql',
      scope: 'coql',
      methods: { POST: 'READ' },
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/bigin/{v}/settings/{setting}/**',
      scope: 'settings.{setting}',
      fallback: 'settings',
      confirmed: true,
      source: MODULES_API,
    },
    {
      path: '/bigin/{v}/{module}/**',
      scope: 'modules.{module}',
      fallback: 'modules',
      confirmed: true,
      source: GET_RECORDS,
    },
  ],
} satisfies ProductDefinition;
