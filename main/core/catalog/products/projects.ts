// Zoho Projects on projectsapi.zoho.<tld> (REST API /restapi; the V3 API under /api/v3 is its
// successor). Every call except the portal list names a portal in the path. Facts:
// docs/zoho.md §12, The product catalog (S:PROJ-API, S:PROJ-PORTALS, S:PROJ-V3).

import type { ProductDefinition } from '../types.js';
import { ALL_CRUD, dcMap, families, REF } from './helpers.js';

const PROJ_API = 'https://www.zoho.com/projects/developers/zohoprojectsapi.html';
const PROJ_PORTALS = 'https://www.zoho.com/projects/help/rest-api/portals-api.html';

const FAMILY_ALIASES = {
  tasklists: 'tasklists',
  tasks: 'tasks',
  bugs: 'bugs',
  users: 'users',
  documents: 'documents',
  folders: 'documents',
  events: 'events',
  logs: 'timesheets',
  timesheets: 'timesheets',
  milestones: 'projects',
};

export const projects = {
  id: 'projects',
  name: 'Zoho Projects',
  servicePrefix: 'ZohoProjects',
  summary: 'Portals, projects, task lists, tasks, issues (bugs) and timesheets.',
  docs: PROJ_API,
  api: {
    host: { kind: 'subdomain', subdomain: 'projectsapi' },
    basePath: '/restapi',
    version: 'REST v1 (V3: /api/v3)',
    pathPrefixes: ['/restapi/', '/api/v3/'],
    confirmed: true,
    source: REF('PROJ-API'),
    note: 'BugTracker is a separate service (ZohoBugTracker.* on bugtracker.zoho.com); its tokens do not work here.',
  },
  dcs: dcMap(['us'], PROJ_PORTALS, ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: families(
    [
      ['portals', 'Portals (your Projects workspaces)'],
      ['projects', 'Projects and milestones'],
      ['tasklists', 'Task lists'],
      ['tasks', 'Tasks'],
      ['bugs', 'Issues (bugs)'],
      ['users', 'Portal and project users'],
      ['documents', 'Documents and folders'],
      ['events', 'Events (meetings)'],
      ['timesheets', 'Time logs'],
    ],
    ALL_CRUD,
    { confirmed: true, source: REF('PROJ-API') },
  ),
  presets: [
    {
      id: 'projects-read-all',
      label: 'Projects: read everything',
      description: 'Read portals, projects, task lists, tasks, issues, users and time logs.',
      scopes: [
        'ZohoProjects.portals.READ',
        'ZohoProjects.projects.READ',
        'ZohoProjects.tasklists.READ',
        'ZohoProjects.tasks.READ',
        'ZohoProjects.bugs.READ',
        'ZohoProjects.users.READ',
        'ZohoProjects.timesheets.READ',
      ],
    },
    {
      id: 'projects-manage-tasks',
      label: 'Projects: manage tasks',
      description: 'Create and update tasks; read portals, projects and task lists.',
      scopes: [
        'ZohoProjects.portals.READ',
        'ZohoProjects.projects.READ',
        'ZohoProjects.tasklists.READ',
        'ZohoProjects.tasks.READ',
        'ZohoProjects.tasks.CREATE',
        'ZohoProjects.tasks.UPDATE',
      ],
    },
  ],
  orgContext: {
    kind: 'path',
    name: 'portal_id',
    label: 'Portal ID',
    discovery: {
      method: 'GET',
      path: '/restapi/portals/',
      scope: 'ZohoProjects.portals.READ',
      idField: 'portals[].id',
      confirmed: true,
      source: REF('PROJ-PORTALS'),
    },
    whereInUi:
      'In Projects, the number after /portal/ in the address bar, or Setup > Portal Configuration.',
    exemptPaths: ['/restapi/portals'],
    confirmed: true,
    source: REF('PROJ-PORTALS'),
  },
  samples: [
    {
      id: 'projects-portals',
      label: 'Your portals',
      method: 'GET',
      path: '/restapi/portals/',
      scope: 'ZohoProjects.portals.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('PROJ-PORTALS'),
    },
    {
      id: 'projects-projects',
      label: 'Projects in your portal',
      method: 'GET',
      path: '/restapi/portal/{portal_id}/projects/',
      scope: 'ZohoProjects.projects.READ',
      needsOrg: true,
      confirmed: false,
      source: 'https://www.zoho.com/projects/help/rest-api/projects-api.html',
    },
  ],
  routes: [
    { path: '/restapi/portals/**', scope: 'portals', confirmed: true, source: REF('PROJ-PORTALS') },
    {
      path: '/restapi/portal/{portal}/projects/{project}/{family}/**',
      scope: '{family}',
      aliases: FAMILY_ALIASES,
      fallback: 'projects',
      confirmed: false,
      source: PROJ_API,
    },
    {
      path: '/restapi/portal/{portal}/projects/**',
      scope: 'projects',
      confirmed: false,
      source: PROJ_API,
    },
    {
      path: '/restapi/portal/{portal}/{family}/**',
      scope: '{family}',
      aliases: FAMILY_ALIASES,
      fallback: 'portals',
      confirmed: false,
      source: PROJ_API,
    },
    { path: '/api/v3/portals/**', scope: 'portals', confirmed: false, source: REF('PROJ-V3') },
    {
      path: '/api/v3/portal/{portal}/projects/{project}/{family}/**',
      scope: '{family}',
      aliases: FAMILY_ALIASES,
      fallback: 'projects',
      confirmed: false,
      source: REF('PROJ-V3'),
    },
    {
      path: '/api/v3/portal/{portal}/projects/**',
      scope: 'projects',
      confirmed: false,
      source: REF('PROJ-V3'),
    },
    {
      path: '/api/v3/portal/{portal}/{family}/**',
      scope: '{family}',
      aliases: FAMILY_ALIASES,
      fallback: 'portals',
      confirmed: false,
      source: REF('PROJ-V3'),
    },
  ],
} satisfies ProductDefinition;
