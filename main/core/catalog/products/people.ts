// Zoho People on people.zoho.<tld>: employee records (forms), leave, attendance, time tracking.
// Scope names confirmed on People's scope page (docs/zoho.md §12, S:PEOPLE-SCOPES); the
// organization is implied by the user, so no organization context is needed.

import type { ProductDefinition } from '../types.js';
import { dcMap, OBSERVED, REF } from './helpers.js';

const SCOPES = 'https://www.zoho.com/people/api/scopes.html';

export const people = {
  id: 'people',
  name: 'Zoho People',
  servicePrefix: 'ZOHOPEOPLE',
  summary: 'HR: employee records, leave, attendance and time tracking.',
  docs: 'https://www.zoho.com/people/api/overview.html',
  api: {
    host: { kind: 'subdomain', subdomain: 'people' },
    basePath: '/people/api',
    version: 'v1',
    pathPrefixes: ['/people/api/'],
    confirmed: true,
    source: REF('PEOPLE-BULK'),
  },
  dcs: dcMap(['us'], REF('PEOPLE-BULK'), ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn']),
  scopeFamilies: [
    {
      name: 'employee',
      operations: ['ALL'],
      description: 'Employee records and profiles',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'forms',
      operations: ['ALL', 'READ', 'CREATE', 'UPDATE'],
      description: 'Records in People forms (employees, departments, custom forms)',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'dashboard',
      operations: ['ALL'],
      description: 'Dashboard data: announcements, birthdays, feeds',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'automation',
      operations: ['ALL'],
      description: 'Workflows and automation',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'timetracker',
      operations: ['ALL'],
      description: 'Time tracker: jobs, time logs and timesheets',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'attendance',
      operations: ['ALL'],
      description: 'Attendance: check-ins and shifts',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'leave',
      operations: ['ALL', 'READ', 'CREATE', 'UPDATE'],
      description: 'Leave requests and balances',
      confirmed: true,
      source: SCOPES,
    },
    {
      name: 'timesheet',
      operations: ['READ'],
      description: 'Timesheets',
      confirmed: true,
      source: SCOPES,
    },
  ],
  presets: [
    {
      id: 'people-read-records',
      label: 'People: read employee records',
      description: 'Read form records (employees, departments) and leave.',
      scopes: ['ZOHOPEOPLE.forms.READ', 'ZOHOPEOPLE.leave.READ'],
    },
  ],
  samples: [
    {
      id: 'people-forms',
      label: 'Your People forms',
      method: 'GET',
      path: '/people/api/forms',
      scope: 'ZOHOPEOPLE.forms.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
    {
      id: 'people-employee',
      label: 'First employee record',
      method: 'GET',
      path: '/people/api/forms/employee/getRecords?sIndex=1&limit=1',
      scope: 'ZOHOPEOPLE.forms.READ',
      needsOrg: false,
      confirmed: false,
      source: `${REF('PEOPLE-BULK')} (request confirmed; scope assumed from the forms family)`,
    },
  ],
  routes: [
    { path: '/people/api/forms/**', scope: 'forms', confirmed: false, source: SCOPES },
    { path: '/people/api/leave/**', scope: 'leave', confirmed: false, source: SCOPES },
    { path: '/people/api/attendance/**', scope: 'attendance', confirmed: false, source: SCOPES },
    { path: '/people/api/timetracker/**', scope: 'timetracker', confirmed: false, source: SCOPES },
    { path: '/api/forms/**', scope: 'forms', confirmed: false, source: SCOPES },
    { path: '/api/attendance/**', scope: 'attendance', confirmed: false, source: SCOPES },
    { path: '/api/leave/**', scope: 'leave', confirmed: false, source: SCOPES },
    { path: '/api/timetracker/**', scope: 'timetracker', confirmed: false, source: SCOPES },
  ],
} satisfies ProductDefinition;
