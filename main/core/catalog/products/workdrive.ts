// Zoho WorkDrive on www.zohoapis.<tld>/workdrive/api/v1 (docs/zoho.md §12, S:WORKDRIVE-MDC: 9 DCs
// including the UAE, which Token Desk does not model yet). Scope names observed in rclone's Zoho
// backend; downloads need ZohoFiles.files.ALL, a different service prefix.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

const MDC =
  'https://www.zoho.com/workdrive/developer/docs/api/v1/getting-started-multi-dc-support.html';
const JSON_API = { Accept: 'application/vnd.api+json' };

export const workdrive = {
  id: 'workdrive',
  name: 'Zoho WorkDrive',
  servicePrefix: 'WorkDrive',
  summary: 'Team file storage: teams, team folders and files.',
  docs: 'https://www.zoho.com/workdrive/developer/docs/api/v1/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/workdrive/api/v1',
    version: 'v1',
    pathPrefixes: ['/workdrive/'],
    confirmed: true,
    source: MDC,
  },
  dcs: dcMap(
    ['us'],
    MDC,
    ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'],
    'the WorkDrive multi-DC page lists 9 DCs (with the UAE); the exact list was not checked',
  ),
  scopeFamilies: [
    {
      name: 'team',
      operations: ['READ', 'ALL'],
      description: 'Your WorkDrive teams',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    {
      name: 'workspace',
      operations: ['READ', 'ALL'],
      description: 'Team folders as workspaces',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    {
      name: 'teamfolders',
      operations: ['READ', 'ALL'],
      description: 'Team folders',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'files',
      operations: ['READ', 'CREATE', 'UPDATE', 'DELETE', 'ALL'],
      unconfirmedOperations: ['CREATE', 'UPDATE', 'DELETE'],
      description: 'Files and folders',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    {
      name: 'users',
      operations: ['READ'],
      description: 'WorkDrive users',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'files',
      service: 'ZohoFiles',
      operations: ['ALL'],
      description: 'Download file contents',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
  ],
  presets: [
    {
      id: 'workdrive-read-files',
      label: 'WorkDrive: read files',
      description: 'List teams, team folders and files.',
      scopes: [
        'WorkDrive.team.READ',
        'WorkDrive.workspace.READ',
        'WorkDrive.teamfolders.READ',
        'WorkDrive.files.READ',
        'WorkDrive.users.READ',
      ],
    },
    {
      id: 'workdrive-sync-files',
      label: 'WorkDrive: read, upload and download files',
      description:
        'What a sync tool needs (as rclone asks): teams, workspaces, files and downloads.',
      scopes: [
        'WorkDrive.team.READ',
        'WorkDrive.workspace.READ',
        'WorkDrive.files.ALL',
        'ZohoFiles.files.ALL',
      ],
    },
  ],
  samples: [
    {
      id: 'workdrive-teams',
      label: 'Your WorkDrive teams',
      method: 'GET',
      path: '/workdrive/api/v1/users/{zuid}/teams',
      scope: 'WorkDrive.team.READ',
      needsOrg: false,
      headers: JSON_API,
      params: [
        {
          name: 'zuid',
          description: 'Your Zoho user ID (ZUID), shown by the Accounts "Who am I" request',
        },
      ],
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
  ],
  routes: [
    {
      path: '/workdrive/api/v1/users/{zuid}/teams',
      scope: 'team',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    {
      path: '/workdrive/api/v1/teams/{team}/workspaces',
      scope: 'workspace',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    { path: '/workdrive/api/v1/teams/**', scope: 'team', confirmed: false, source: OBSERVED },
    {
      path: '/workdrive/api/v1/workspaces/**',
      scope: 'workspace',
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/workdrive/api/v1/teamfolders/**',
      scope: 'teamfolders',
      confirmed: false,
      source: OBSERVED,
    },
    {
      path: '/workdrive/api/v1/files/**',
      scope: 'files',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    {
      path: '/workdrive/api/v1/upload',
      scope: 'files',
      confirmed: false,
      source: REF('RCLONE-ZOHO'),
    },
    { path: '/workdrive/api/v1/users/**', scope: 'users', confirmed: false, source: OBSERVED },
  ],
} satisfies ProductDefinition;
