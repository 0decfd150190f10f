// Zoho Accounts: the signed-in user's profile (who the token belongs to) and OpenID Connect.
// Facts: docs/zoho.md §4.6, User info (S:ACC-USE, S:ACC-OIDC); hosts are the accounts servers of
// docs/zoho.md §1, Data centres.

import type { ProductDefinition } from '../types.js';
import { dcMap, REF } from './helpers.js';

export const accounts = {
  id: 'accounts',
  name: 'Zoho Accounts',
  servicePrefix: 'AaaServer',
  summary: 'Who the token belongs to: name, email and Zoho user ID.',
  docs: 'https://www.zoho.com/accounts/protocol/oauth/use-access-token.html',
  api: {
    host: { kind: 'accounts' },
    basePath: '/oauth',
    version: 'v2',
    pathPrefixes: ['/oauth/'],
    confirmed: true,
    source: REF('ACC-USE'),
  },
  dcs: dcMap(
    ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'uk', 'cn'],
    'docs/zoho.md §1 (accounts servers) [confirmed]',
  ),
  scopeFamilies: [
    {
      name: 'profile',
      operations: ['READ'],
      description: 'Your Zoho profile: name, email address and user ID (ZUID)',
      confirmed: true,
      source: REF('ACC-USE'),
    },
  ],
  standaloneScopes: [
    {
      scope: 'openid',
      description: 'Sign in with Zoho (OpenID Connect): adds an ID token',
      confirmed: true,
      source: REF('ACC-OIDC'),
    },
    {
      scope: 'email',
      description: 'Your email address in the ID token',
      confirmed: true,
      source: REF('ACC-OIDC'),
    },
    {
      scope: 'profile',
      description: 'Your name in the ID token',
      confirmed: true,
      source: REF('ACC-OIDC'),
    },
  ],
  presets: [
    {
      id: 'accounts-profile',
      label: 'Accounts: who am I',
      description: 'Read the name and email of the user who authorized the token.',
      scopes: ['AaaServer.profile.READ'],
    },
  ],
  samples: [
    {
      id: 'accounts-user-info',
      label: 'Who am I (user info)',
      method: 'GET',
      path: '/oauth/user/info',
      scope: 'AaaServer.profile.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('ACC-USE'),
    },
  ],
  routes: [{ path: '/oauth/user/info', scope: 'profile', confirmed: true, source: REF('ACC-USE') }],
} satisfies ProductDefinition;
