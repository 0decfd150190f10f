// Zoho Mail on mail.zoho.<tld>/api. organization.accounts is confirmed (docs/zoho.md §12,
// S:MAIL-USER), the accounts test request is documented (S:MAIL-ACCOUNTS); the other scope names
// are observed.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

const ACCOUNTS = 'https://www.zoho.com/mail/help/api/get-user-account-details.html';
const USER = 'https://www.zoho.com/mail/help/api/get-single-user.html';

export const mail = {
  id: 'mail',
  name: 'Zoho Mail',
  servicePrefix: 'ZohoMail',
  summary: 'Mailboxes: accounts, folders and messages; organization users for admins.',
  docs: 'https://www.zoho.com/mail/help/api/',
  api: {
    host: { kind: 'subdomain', subdomain: 'mail' },
    basePath: '/api',
    version: 'v1',
    pathPrefixes: ['/api/accounts', '/api/organization'],
    confirmed: true,
    source: ACCOUNTS,
  },
  dcs: dcMap(['us'], ACCOUNTS, ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'accounts',
      operations: ['READ', 'UPDATE', 'ALL'],
      unconfirmedOperations: ['UPDATE', 'ALL'],
      description: 'Your mail accounts and their settings',
      confirmed: true,
      source: REF('MAIL-ACCOUNTS'),
    },
    {
      name: 'messages',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE', 'ALL'],
      description: 'Email messages: read, send, move, delete',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'folders',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE', 'ALL'],
      description: 'Mail folders',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'notes',
      operations: ['ALL'],
      description: 'Notes in Zoho Mail',
      confirmed: false,
      source: REF('PD-MAIL'),
    },
    {
      name: 'organization.accounts',
      operations: ['READ', 'ALL'],
      description: 'All mail users of your organization (admins)',
      confirmed: true,
      source: USER,
    },
  ],
  presets: [
    {
      id: 'mail-read-messages',
      label: 'Mail: read messages',
      description: 'Read your mail accounts, folders and messages.',
      scopes: ['ZohoMail.accounts.READ', 'ZohoMail.folders.READ', 'ZohoMail.messages.READ'],
    },
    {
      id: 'mail-send',
      label: 'Mail: send email',
      description: 'Send messages from your account.',
      scopes: ['ZohoMail.accounts.READ', 'ZohoMail.messages.CREATE'],
    },
  ],
  samples: [
    {
      id: 'mail-accounts',
      label: 'Your mail accounts',
      method: 'GET',
      path: '/api/accounts',
      scope: 'ZohoMail.accounts.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('MAIL-ACCOUNTS'),
    },
  ],
  routes: [
    {
      path: '/api/accounts/{account}/messages/**',
      scope: 'messages',
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/api/accounts/{account}/folders/**',
      scope: 'folders',
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/api/accounts/{account}/updatemessage',
      scope: 'messages',
      methods: { PUT: 'UPDATE' },
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/api/accounts/**', scope: 'accounts', confirmed: true, source: ACCOUNTS },
    {
      path: '/api/organization/{zoid}/accounts/**',
      scope: 'organization.accounts',
      confirmed: true,
      source: USER,
    },
  ],
} satisfies ProductDefinition;
