// Zoho Cliq (REST API v2; v3 takes the same tokens) on cliq.zoho.<tld>/api/v2 (docs/zoho.md §12,
// S:CLIQ-V2). Scope names (note Zoho's capitalised names) are observed only.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

export const cliq = {
  id: 'cliq',
  name: 'Zoho Cliq',
  servicePrefix: 'ZohoCliq',
  summary: 'Team chat: users, channels, chats, messages and bots.',
  docs: 'https://www.zoho.com/cliq/help/restapi/v2/',
  api: {
    host: { kind: 'subdomain', subdomain: 'cliq' },
    basePath: '/api/v2',
    version: 'v2',
    pathPrefixes: ['/api/v2/', '/api/v3/'],
    confirmed: true,
    source: REF('CLIQ-V2'),
  },
  dcs: dcMap(['us'], REF('CLIQ-V2'), ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'Users',
      operations: ['READ'],
      description: 'Users of your Cliq organization',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'Channels',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
      description: 'Channels and their members',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'Chats',
      operations: ['READ'],
      description: 'Your chats',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'Messages',
      operations: ['READ', 'CREATE'],
      description: 'Messages: read and post',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'Webhooks',
      operations: ['CREATE'],
      description: 'Post to channels and bots through incoming webhooks',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'Organisation',
      operations: ['READ'],
      description: 'Your Cliq organization',
      confirmed: false,
      source: OBSERVED,
    },
    { name: 'Bots', operations: ['READ'], description: 'Bots', confirmed: false, source: OBSERVED },
  ],
  presets: [
    {
      id: 'cliq-read',
      label: 'Cliq: read users, channels and messages',
      description: 'Read users, channels, chats and messages.',
      scopes: [
        'ZohoCliq.Users.READ',
        'ZohoCliq.Channels.READ',
        'ZohoCliq.Chats.READ',
        'ZohoCliq.Messages.READ',
      ],
    },
    {
      id: 'cliq-post-messages',
      label: 'Cliq: post messages',
      description: 'Post messages to channels, chats and bots.',
      scopes: ['ZohoCliq.Messages.CREATE', 'ZohoCliq.Webhooks.CREATE', 'ZohoCliq.Channels.READ'],
    },
  ],
  samples: [
    {
      id: 'cliq-users',
      label: 'Users (first 5)',
      method: 'GET',
      path: '/api/v2/users?limit=5',
      scope: 'ZohoCliq.Users.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    { path: '/api/{v}/users/**', scope: 'Users', confirmed: false, source: OBSERVED },
    {
      path: '/api/{v}/channelsbyname/{name}/message',
      scope: 'Webhooks',
      methods: { POST: 'CREATE' },
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/api/{v}/channels/{channel}/messages/**',
      scope: 'Messages',
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/api/{v}/channels/**', scope: 'Channels', confirmed: false, source: OBSERVED },
    {
      path: '/api/{v}/chats/{chat}/messages/**',
      scope: 'Messages',
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/api/{v}/chats/**', scope: 'Chats', confirmed: false, source: OBSERVED },
    {
      path: '/api/{v}/bots/{bot}/incoming',
      scope: 'Webhooks',
      methods: { POST: 'CREATE' },
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/api/{v}/bots/**', scope: 'Bots', confirmed: false, source: OBSERVED },
  ],
} satisfies ProductDefinition;
