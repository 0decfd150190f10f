// Zoho's finance suite on www.zohoapis.<tld>: Books, Invoice, Inventory, Expense and Billing (whose
// scopes still use the old ZohoSubscriptions prefix). They share one scope pattern
// (<Service>.<area>.<CRUD>, plus fullaccess.all) and one organization model: list the organizations
// first, then name one on every call. Facts: docs/zoho.md §11, Calling product APIs, and §12, The
// product catalog, and the Invoice/Expense introductions (looked up; URLs in `source`).

import type { ProductDefinition, ScopeFamily } from '../types.js';
import { CRUD, dcMap, families, OBSERVED, REF } from './helpers.js';

const BOOKS_OAUTH = 'https://www.zoho.com/books/api/v3/oauth/';
const INVOICE_INTRO = 'https://www.zoho.com/invoice/api/';
const EXPENSE_INTRO = 'https://www.zoho.com/expense/api/v1/';
const BILLING_INTRO = 'https://www.zoho.com/billing/api/v1/';
const BILLING_RESPONSE = 'https://www.zoho.com/billing/api/v1/response/';
const INVOICE_RESPONSE = 'https://www.zoho.com/invoice/api/v3/response/';
const ZOHOAPIS_DCS = ['eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'] as const;

function fullAccess(service: string, confirmed: boolean, source: string): ScopeFamily {
  return {
    name: 'fullaccess',
    operations: ['ALL'],
    description: `Everything in ${service}: all data and settings (broadest possible)`,
    confirmed,
    source,
  };
}

const BOOKS_AREAS: readonly (readonly [string, string])[] = [
  ['contacts', 'Customers and vendors'],
  ['settings', 'Organization settings, items, taxes, currencies and users'],
  ['estimates', 'Estimates (quotes)'],
  ['invoices', 'Invoices and retainer invoices'],
  ['customerpayments', 'Payments received from customers'],
  ['creditnotes', 'Credit notes'],
  ['projects', 'Projects and time entries'],
  ['expenses', 'Expenses'],
  ['salesorders', 'Sales orders'],
  ['purchaseorders', 'Purchase orders'],
  ['bills', 'Bills from vendors'],
  ['debitnotes', 'Debit notes'],
  ['vendorpayments', 'Payments made to vendors'],
  ['banking', 'Bank accounts and transactions'],
  ['accountants', 'Chart of accounts and journals'],
];

/** Books paths whose resource name is not the scope name. */
const BOOKS_ALIASES = {
  organizations: 'settings',
  items: 'settings',
  users: 'settings',
  taxes: 'settings',
  currencies: 'settings',
  settings: 'settings',
  retainerinvoices: 'invoices',
  recurringinvoices: 'invoices',
  recurringexpenses: 'expenses',
  timeentries: 'projects',
  bankaccounts: 'banking',
  banktransactions: 'banking',
  chartofaccounts: 'accountants',
  journals: 'accountants',
  vendorcredits: 'debitnotes',
} as const;

export const books = {
  id: 'books',
  name: 'Zoho Books',
  servicePrefix: 'ZohoBooks',
  summary: 'Accounting: invoices, bills, contacts, banking and more, per organization.',
  docs: 'https://www.zoho.com/books/api/v3/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/books/v3',
    version: 'v3',
    pathPrefixes: ['/books/'],
    confirmed: true,
    source: REF('BOOKS-INTRO'),
  },
  dcs: dcMap(['us'], REF('BOOKS-INTRO'), ZOHOAPIS_DCS),
  scopeFamilies: [
    ...families(BOOKS_AREAS, [...CRUD, 'ALL'], {
      confirmed: true,
      unconfirmedOperations: ['ALL'],
      source: BOOKS_OAUTH,
    }),
    fullAccess('Zoho Books', false, OBSERVED),
  ],
  presets: [
    {
      id: 'books-read-all',
      label: 'Books: read everything',
      description: 'Read every area of Books, without changing anything.',
      scopes: BOOKS_AREAS.map(([area]) => `ZohoBooks.${area}.READ`),
    },
    {
      id: 'books-read-invoices',
      label: 'Books: read invoices',
      description: 'Read invoices and the customers they are for.',
      scopes: ['ZohoBooks.invoices.READ', 'ZohoBooks.contacts.READ', 'ZohoBooks.settings.READ'],
    },
    {
      id: 'books-manage-invoices',
      label: 'Books: manage invoices',
      description: 'Create, change and delete invoices and record customer payments.',
      scopes: [
        'ZohoBooks.invoices.CREATE',
        'ZohoBooks.invoices.READ',
        'ZohoBooks.invoices.UPDATE',
        'ZohoBooks.invoices.DELETE',
        'ZohoBooks.customerpayments.CREATE',
        'ZohoBooks.customerpayments.READ',
        'ZohoBooks.contacts.READ',
        'ZohoBooks.settings.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'query',
    name: 'organization_id',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/books/v3/organizations',
      scope: 'ZohoBooks.settings.READ',
      idField: 'organizations[].organization_id',
      confirmed: true,
      source: REF('BOOKS-INTRO'),
    },
    whereInUi: 'In Books, click your organization name (top right), then Manage Organizations.',
    exemptPaths: ['/books/v3/organizations'],
    confirmed: true,
    source: REF('BOOKS-INTRO'),
  },
  samples: [
    {
      id: 'books-organizations',
      label: 'Your Books organizations',
      method: 'GET',
      path: '/books/v3/organizations',
      scope: 'ZohoBooks.settings.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('BOOKS-INTRO'),
    },
    {
      id: 'books-invoices',
      label: 'Latest invoices',
      method: 'GET',
      path: '/books/v3/invoices?per_page=5',
      scope: 'ZohoBooks.invoices.READ',
      needsOrg: true,
      confirmed: true,
      source: BOOKS_OAUTH,
    },
    {
      id: 'books-contacts',
      label: 'Customers and vendors',
      method: 'GET',
      path: '/books/v3/contacts?per_page=5',
      scope: 'ZohoBooks.contacts.READ',
      needsOrg: true,
      confirmed: true,
      source: BOOKS_OAUTH,
    },
  ],
  routes: [
    {
      path: '/books/{v}/{area}/**',
      scope: '{area}',
      aliases: BOOKS_ALIASES,
      confirmed: true,
      source: BOOKS_OAUTH,
    },
  ],
} satisfies ProductDefinition;

const INVOICE_AREAS: readonly (readonly [string, string])[] = [
  ['contacts', 'Customers'],
  ['settings', 'Organization settings, items, taxes and users'],
  ['estimates', 'Estimates (quotes)'],
  ['invoices', 'Invoices and recurring invoices'],
  ['customerpayments', 'Payments received'],
  ['creditnotes', 'Credit notes'],
  ['projects', 'Projects and time entries'],
  ['expenses', 'Expenses'],
];

export const invoice = {
  id: 'invoice',
  name: 'Zoho Invoice',
  servicePrefix: 'ZohoInvoice',
  summary: 'Invoicing for small businesses: invoices, estimates, customers and payments.',
  docs: INVOICE_INTRO,
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/invoice/v3',
    version: 'v3',
    pathPrefixes: ['/invoice/'],
    confirmed: true,
    source: INVOICE_INTRO,
  },
  dcs: dcMap(['us'], INVOICE_INTRO, ZOHOAPIS_DCS),
  scopeFamilies: [
    {
      name: 'settings',
      operations: [...CRUD, 'ALL'],
      unconfirmedOperations: ['CREATE', 'UPDATE', 'DELETE', 'ALL'],
      description: INVOICE_AREAS[1]![1],
      confirmed: true,
      source: INVOICE_INTRO,
    },
    ...families(
      INVOICE_AREAS.filter(([area]) => area !== 'settings'),
      [...CRUD, 'ALL'],
      { confirmed: false, source: `${OBSERVED}; same pattern as Books` },
    ),
    fullAccess('Zoho Invoice', false, OBSERVED),
  ],
  presets: [
    {
      id: 'invoice-read-all',
      label: 'Invoice: read everything',
      description: 'Read invoices, estimates, customers, payments and settings.',
      scopes: INVOICE_AREAS.map(([area]) => `ZohoInvoice.${area}.READ`),
    },
    {
      id: 'invoice-manage-invoices',
      label: 'Invoice: manage invoices',
      description: 'Create, change and delete invoices; read customers and settings.',
      scopes: [
        'ZohoInvoice.invoices.CREATE',
        'ZohoInvoice.invoices.READ',
        'ZohoInvoice.invoices.UPDATE',
        'ZohoInvoice.invoices.DELETE',
        'ZohoInvoice.contacts.READ',
        'ZohoInvoice.settings.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'query',
    name: 'organization_id',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/invoice/v3/organizations',
      scope: 'ZohoInvoice.settings.READ',
      idField: 'organizations[].organization_id',
      confirmed: true,
      source: INVOICE_INTRO,
    },
    whereInUi:
      'In Zoho Invoice, click your organization name (top right), then Manage Organizations.',
    exemptPaths: ['/invoice/v3/organizations'],
    confirmed: true,
    source: `${INVOICE_INTRO} ("the parameter organization_id ... should be sent in with every API request") and ${INVOICE_RESPONSE} (examples with ?organization_id=)`,
    alternatives: [
      {
        kind: 'header',
        name: 'X-com-zoho-invoice-organizationid',
        confirmed: false,
        source: `${INVOICE_INTRO} also says the organization ID "has to be sent as Header" without naming it; this name is only observed in third-party code`,
      },
    ],
  },
  samples: [
    {
      id: 'invoice-organizations',
      label: 'Your Invoice organizations',
      method: 'GET',
      path: '/invoice/v3/organizations',
      scope: 'ZohoInvoice.settings.READ',
      needsOrg: false,
      confirmed: true,
      source: INVOICE_INTRO,
    },
    {
      id: 'invoice-invoices',
      label: 'Latest invoices',
      method: 'GET',
      path: '/invoice/v3/invoices?per_page=5',
      scope: 'ZohoInvoice.invoices.READ',
      needsOrg: true,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/invoice/{v}/{area}/**',
      scope: '{area}',
      aliases: BOOKS_ALIASES,
      confirmed: false,
      source: 'same pattern as Books',
    },
  ],
} satisfies ProductDefinition;

const INVENTORY_AREAS: readonly (readonly [string, string])[] = [
  ['items', 'Items, item groups and stock'],
  ['contacts', 'Customers and vendors'],
  ['salesorders', 'Sales orders'],
  ['invoices', 'Invoices'],
  ['packages', 'Packages'],
  ['shipmentorders', 'Shipments'],
  ['purchaseorders', 'Purchase orders'],
  ['bills', 'Bills from vendors'],
  ['settings', 'Organization settings, warehouses, taxes and users'],
];

export const inventory = {
  id: 'inventory',
  name: 'Zoho Inventory',
  servicePrefix: 'ZohoInventory',
  summary: 'Stock, items, sales and purchase orders, packages and shipments.',
  docs: 'https://www.zoho.com/inventory/api/v1/',
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/inventory/v1',
    version: 'v1',
    pathPrefixes: ['/inventory/'],
    confirmed: true,
    source: REF('INVENTORY-INTRO'),
  },
  dcs: dcMap(['us'], REF('INVENTORY-INTRO'), ZOHOAPIS_DCS),
  scopeFamilies: [
    {
      name: 'settings',
      operations: [...CRUD, 'ALL'],
      unconfirmedOperations: ['CREATE', 'UPDATE', 'DELETE', 'ALL'],
      description: 'Organization settings, warehouses, taxes and users',
      confirmed: true,
      source: REF('INVENTORY-INTRO'),
    },
    ...families(
      INVENTORY_AREAS.filter(([area]) => area !== 'settings'),
      [...CRUD, 'ALL'],
      { confirmed: false, source: OBSERVED },
    ),
    fullAccess('Zoho Inventory', false, OBSERVED),
  ],
  presets: [
    {
      id: 'inventory-read-all',
      label: 'Inventory: read everything',
      description: 'Read items, orders, packages, shipments and settings.',
      scopes: INVENTORY_AREAS.map(([area]) => `ZohoInventory.${area}.READ`),
    },
    {
      id: 'inventory-manage-items',
      label: 'Inventory: manage items and stock',
      description: 'Create and change items; read settings.',
      scopes: [
        'ZohoInventory.items.CREATE',
        'ZohoInventory.items.READ',
        'ZohoInventory.items.UPDATE',
        'ZohoInventory.settings.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'query',
    name: 'organization_id',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/inventory/v1/organizations',
      scope: 'ZohoInventory.settings.READ',
      idField: 'organizations[].organization_id',
      confirmed: true,
      source: REF('INVENTORY-INTRO'),
    },
    whereInUi: 'In Inventory, click your organization name (top right), then Manage Organizations.',
    exemptPaths: ['/inventory/v1/organizations'],
    confirmed: true,
    source: REF('INVENTORY-INTRO'),
  },
  samples: [
    {
      id: 'inventory-organizations',
      label: 'Your Inventory organizations',
      method: 'GET',
      path: '/inventory/v1/organizations',
      scope: 'ZohoInventory.settings.READ',
      needsOrg: false,
      confirmed: true,
      source: REF('INVENTORY-INTRO'),
    },
    {
      id: 'inventory-items',
      label: 'First items',
      method: 'GET',
      path: '/inventory/v1/items?per_page=5',
      scope: 'ZohoInventory.items.READ',
      needsOrg: true,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/inventory/{v}/{area}/**',
      scope: '{area}',
      aliases: {
        organizations: 'settings',
        itemgroups: 'items',
        compositeitems: 'items',
        warehouses: 'settings',
        users: 'settings',
        taxes: 'settings',
        settings: 'settings',
      },
      confirmed: false,
      source: OBSERVED,
    },
  ],
} satisfies ProductDefinition;

export const expense = {
  id: 'expense',
  name: 'Zoho Expense',
  servicePrefix: 'ZohoExpense',
  summary: 'Expense reports, receipts, trips and approvals.',
  docs: EXPENSE_INTRO,
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/expense/v1',
    version: 'v1',
    pathPrefixes: ['/expense/'],
    confirmed: true,
    source: EXPENSE_INTRO,
  },
  dcs: dcMap(['us'], EXPENSE_INTRO, ZOHOAPIS_DCS),
  scopeFamilies: [
    {
      name: 'orgsettings',
      operations: ['READ', 'ALL'],
      unconfirmedOperations: ['ALL'],
      description: 'Organization settings: categories, currencies, taxes, policies',
      confirmed: true,
      source: EXPENSE_INTRO,
    },
    {
      name: 'expensereports',
      operations: [...CRUD, 'ALL'],
      description: 'Expense reports and their approvals',
      confirmed: false,
      source: OBSERVED,
    },
    {
      name: 'users',
      operations: ['READ', 'ALL'],
      description: 'Users of the organization',
      confirmed: false,
      source: OBSERVED,
    },
    fullAccess('Zoho Expense', false, `${OBSERVED} (ZohoExpense.fullaccess.ALL)`),
  ],
  presets: [
    {
      id: 'expense-read-reports',
      label: 'Expense: read expense reports',
      description: 'Read expense reports, users and organization settings.',
      scopes: [
        'ZohoExpense.expensereports.READ',
        'ZohoExpense.users.READ',
        'ZohoExpense.orgsettings.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'query',
    name: 'organization_id',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/expense/v1/organizations',
      scope: 'ZohoExpense.orgsettings.READ',
      idField: 'organizations[].organization_id',
      confirmed: true,
      source: EXPENSE_INTRO,
    },
    whereInUi: 'In Expense, click your organization name (top right), then Manage Organizations.',
    exemptPaths: ['/expense/v1/organizations'],
    confirmed: true,
    source: EXPENSE_INTRO,
    alternatives: [
      {
        kind: 'header',
        name: 'X-com-zoho-expense-organizationid',
        confirmed: true,
        source: "https://www.zoho.com/expense/api/v1/response/ (Zoho's examples send the header)",
      },
    ],
  },
  samples: [
    {
      id: 'expense-organizations',
      label: 'Your Expense organizations',
      method: 'GET',
      path: '/expense/v1/organizations',
      scope: 'ZohoExpense.orgsettings.READ',
      needsOrg: false,
      confirmed: true,
      source: EXPENSE_INTRO,
    },
    {
      id: 'expense-reports',
      label: 'Latest expense reports',
      method: 'GET',
      path: '/expense/v1/expensereports?per_page=5',
      scope: 'ZohoExpense.expensereports.READ',
      needsOrg: true,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/expense/{v}/organizations/**',
      scope: 'orgsettings',
      confirmed: true,
      source: EXPENSE_INTRO,
    },
    {
      path: '/expense/{v}/expensereports/**',
      scope: 'expensereports',
      confirmed: false,
      source: OBSERVED,
    },
    { path: '/expense/{v}/users/**', scope: 'users', confirmed: false, source: OBSERVED },
    { path: '/expense/{v}/settings/**', scope: 'orgsettings', confirmed: false, source: OBSERVED },
  ],
} satisfies ProductDefinition;

const BILLING_AREAS: readonly (readonly [string, string])[] = [
  ['customers', 'Customers'],
  ['subscriptions', 'Subscriptions'],
  ['plans', 'Plans (what customers subscribe to)'],
  ['products', 'Products that group plans'],
  ['addons', 'Add-ons'],
  ['invoices', 'Invoices'],
  ['payments', 'Payments'],
  ['hostedpages', 'Hosted checkout pages'],
  ['settings', 'Organization settings'],
];

export const billing = {
  id: 'billing',
  name: 'Zoho Billing',
  servicePrefix: 'ZohoSubscriptions',
  summary: 'Subscriptions, plans, customers and invoices (formerly Zoho Subscriptions).',
  docs: BILLING_INTRO,
  api: {
    host: { kind: 'zohoapis' },
    basePath: '/billing/v1',
    version: 'v1',
    pathPrefixes: ['/billing/'],
    confirmed: true,
    source: BILLING_INTRO,
  },
  dcs: dcMap(
    ['us'],
    BILLING_INTRO,
    ZOHOAPIS_DCS,
    'the Billing intro lists 8 data centres; which ones was not checked',
  ),
  scopeFamilies: [
    ...families(BILLING_AREAS, [...CRUD, 'ALL'], { confirmed: false, source: OBSERVED }),
    fullAccess('Zoho Billing', false, OBSERVED),
  ],
  presets: [
    {
      id: 'billing-read-all',
      label: 'Billing: read everything',
      description: 'Read customers, subscriptions, plans, invoices and payments.',
      scopes: BILLING_AREAS.filter(([area]) => area !== 'hostedpages').map(
        ([area]) => `ZohoSubscriptions.${area}.READ`,
      ),
    },
    {
      id: 'billing-manage-subscriptions',
      label: 'Billing: manage subscriptions',
      description: 'Create and change subscriptions and customers; read plans and settings.',
      scopes: [
        'ZohoSubscriptions.subscriptions.CREATE',
        'ZohoSubscriptions.subscriptions.READ',
        'ZohoSubscriptions.subscriptions.UPDATE',
        'ZohoSubscriptions.customers.CREATE',
        'ZohoSubscriptions.customers.READ',
        'ZohoSubscriptions.customers.UPDATE',
        'ZohoSubscriptions.plans.READ',
        'ZohoSubscriptions.settings.READ',
      ],
    },
  ],
  orgContext: {
    kind: 'header',
    name: 'X-com-zoho-subscriptions-organizationid',
    label: 'Organization ID',
    discovery: {
      method: 'GET',
      path: '/billing/v1/organizations',
      scope: 'ZohoSubscriptions.settings.READ',
      idField: 'organizations[].organization_id',
      confirmed: false,
      source: OBSERVED,
    },
    whereInUi: 'In Billing, click your organization name (top right), then Manage Organizations.',
    exemptPaths: ['/billing/v1/organizations'],
    confirmed: true,
    source: `${BILLING_RESPONSE} (Zoho's request examples send -H 'X-com-zoho-subscriptions-organizationid: …')`,
  },
  samples: [
    {
      id: 'billing-organizations',
      label: 'Your Billing organizations',
      method: 'GET',
      path: '/billing/v1/organizations',
      scope: 'ZohoSubscriptions.settings.READ',
      needsOrg: false,
      confirmed: false,
      source: OBSERVED,
    },
    {
      id: 'billing-subscriptions',
      label: 'Latest subscriptions',
      method: 'GET',
      path: '/billing/v1/subscriptions?per_page=5',
      scope: 'ZohoSubscriptions.subscriptions.READ',
      needsOrg: true,
      confirmed: false,
      source: OBSERVED,
    },
  ],
  routes: [
    {
      path: '/billing/{v}/{area}/**',
      scope: '{area}',
      aliases: {
        organizations: 'settings',
        coupons: 'plans',
        creditnotes: 'invoices',
        settings: 'settings',
      },
      confirmed: false,
      source: OBSERVED,
    },
  ],
} satisfies ProductDefinition;
