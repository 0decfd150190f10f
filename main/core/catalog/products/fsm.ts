// Zoho FSM (field service management, API v1) on fsm.zoho.<tld>/fsm/v1. Everything here is
// observed only (docs/zoho.md §12); module names are capitalised as Zoho writes them.

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, families, OBSERVED, REF } from './helpers.js';

export const fsm = {
  id: 'fsm',
  name: 'Zoho FSM',
  servicePrefix: 'ZohoFSM',
  summary: 'Field service: requests, work orders, service appointments and contacts.',
  docs: 'https://www.zoho.com/fsm/developer/help/api/',
  api: {
    host: { kind: 'subdomain', subdomain: 'fsm' },
    basePath: '/fsm/v1',
    version: 'v1',
    pathPrefixes: ['/fsm/'],
    confirmed: false,
    source: REF('FSM-API'),
  },
  dcs: dcMap([], '', ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'], OBSERVED),
  scopeFamilies: [
    {
      name: 'modules',
      operations: ALL_CRUD,
      description: 'Records in every FSM module',
      confirmed: false,
      source: OBSERVED,
    },
    ...families(
      [
        ['modules.Requests', 'Service requests'],
        ['modules.Estimates', 'Estimates'],
        ['modules.WorkOrders', 'Work orders'],
        ['modules.ServiceAppointments', 'Service appointments (visits)'],
        ['modules.Contacts', 'Contacts (your customers)'],
        ['modules.Companies', 'Companies'],
        ['modules.Assets', 'Assets at customer sites'],
        ['modules.custom', 'Records in custom modules'],
      ],
      ALL_CRUD,
      { confirmed: false, source: OBSERVED },
    ),
    {
      name: 'settings',
      operations: ['ALL', 'READ'],
      description: 'FSM settings and metadata',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'users',
      operations: ['READ'],
      description: 'FSM users',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'files',
      operations: ['CREATE', 'READ'],
      description: 'Files and attachments',
      confirmed: false,
      source: OBSERVED,
    },
  ],
  presets: [
    {
      id: 'fsm-read-all',
      label: 'FSM: read everything',
      description: 'Read records in every module, settings and users.',
      scopes: ['ZohoFSM.modules.READ', 'ZohoFSM.settings.READ', 'ZohoFSM.users.READ'],
    },
    {
      id: 'fsm-manage-work-orders',
      label: 'FSM: manage work orders',
      description: 'Create and update work orders and appointments; read contacts.',
      scopes: [
        'ZohoFSM.modules.WorkOrders.ALL',
        'ZohoFSM.modules.ServiceAppointments.ALL',
        'ZohoFSM.modules.Contacts.READ',
      ],
    },
  ],
  samples: [
    {
      id: 'fsm-contacts',
      label: 'First 5 contacts',
      method: 'GET',
      path: '/fsm/v1/Contacts?per_page=5',
      scope: 'ZohoFSM.modules.Contacts.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    { path: '/fsm/{v}/users/**', scope: 'users', confirmed: false, source: OBSERVED },
    { path: '/fsm/{v}/settings/**', scope: 'settings', confirmed: false, source: OBSERVED },
    {
      path: '/fsm/{v}/{module}/**',
      scope: 'modules.{module}',
      fallback: 'modules.custom',
      confirmed: false,
      source: OBSERVED,
    },
  ],
} satisfies ProductDefinition;
