// The shape of the Zoho product catalog: products, scope families, presets, hosts, organization
// context, sample requests and the routes used for reverse scope lookup. Data files under
// products/ are plain typed objects checked against these types with `satisfies`; every fact
// carries a `confirmed` flag (true only where Zoho's docs or code state it, per
// docs/zoho.md or a look-up recorded in `source`).

import type { DcCode } from '../zoho/data-centres.js';

export const PRODUCT_IDS = [
  'accounts',
  'crm',
  'bigin',
  'books',
  'invoice',
  'inventory',
  'expense',
  'billing',
  'desk',
  'projects',
  'people',
  'recruit',
  'creator',
  'analytics',
  'campaigns',
  'sign',
  'workdrive',
  'mail',
  'cliq',
  'sheet',
  'writer',
  'fsm',
] as const;
export type ProductId = (typeof PRODUCT_IDS)[number];

/** Scope operations Zoho uses; CRM also knows WRITE (= create + update + delete) and CUSTOM. */
export const OPERATIONS = ['ALL', 'READ', 'CREATE', 'UPDATE', 'DELETE', 'WRITE', 'CUSTOM'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** How much a scope lets a token do, for warnings and colour in the UI. */
export type Sensitivity = 'read' | 'write' | 'delete' | 'full';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Whether a fact is stated by Zoho (docs, SDK, OAS) and where it comes from. */
export interface Fact {
  confirmed: boolean;
  /** A URL, or a source key of docs/zoho.md §13 (e.g. "docs/zoho.md S:CRM-OAS"). */
  source?: string;
}

/**
 * One scope family: `<service>.<name>.<operation>` for each listed operation.
 * `name` may be nested (`modules.leads`, `settings.fields`, `meta.application`).
 */
export interface ScopeFamily extends Fact {
  name: string;
  operations: readonly Operation[];
  /** One plain-language line: what the data is (the operation says what may be done to it). */
  description: string;
  /** Operations seen only in third-party code, although the family itself is confirmed. */
  unconfirmedOperations?: readonly Operation[];
  /** A different service prefix than the product's (WorkDrive downloads use ZohoFiles). */
  service?: string;
}

/** A scope outside the Service.scope.OPERATION grammar: the OpenID Connect scopes. */
export interface StandaloneScope extends Fact {
  scope: string;
  description: string;
}

/** A ready-made choice for people who do not know scope names. */
export interface Preset {
  /** Stable kebab-case id, e.g. "crm-read-all". */
  id: string;
  /** What the admin clicks: "CRM: read everything". */
  label: string;
  description: string;
  scopes: readonly string[];
}

/**
 * Where a product's API lives in a data centre.
 * - zohoapis: the connection's api_domain (www.zohoapis.<tld>), or the DC's default.
 * - accounts: the accounts server of the DC (or the one the callback named).
 * - subdomain: https://<subdomain>.zoho.<tld>; Canada uses <subdomain>.zohocloud.ca;
 *   `exceptions` overrides single DCs with a full origin.
 */
export type HostRule =
  | { kind: 'zohoapis' }
  | { kind: 'accounts' }
  | { kind: 'subdomain'; subdomain: string; exceptions?: Partial<Record<DcCode, string>> };

export interface ProductApi extends Fact {
  host: HostRule;
  /** Path from the host root to the API root, without a trailing slash: "/crm/v8". */
  basePath: string;
  version: string;
  /** Path prefixes that identify this product in a request path ("/crm/"). */
  pathPrefixes: readonly string[];
  /** Environments on other hosts (CRM: sandbox.zohoapis.<tld>, developer.zohoapis.<tld>). */
  environments?: readonly ('sandbox' | 'developer')[];
  note?: string;
}

/** A read-only request that proves a token works. Paths are from the host root. */
export interface SampleRequest extends Fact {
  id: string;
  label: string;
  method: 'GET';
  /** Path (and query) from the host root; `{name}` marks a value the user supplies. */
  path: string;
  /** The least scope this request needs. */
  scope: string;
  /** Whether the organization context (orgContext) must be added. */
  needsOrg: boolean;
  headers?: Readonly<Record<string, string>>;
  params?: readonly { name: string; description: string }[];
}

/** The first request that lists the organizations (or portals) and the field holding the id. */
export interface OrgDiscovery extends Fact {
  method: 'GET';
  path: string;
  scope: string;
  /** Where the id is in the JSON answer, e.g. "organizations[].organization_id". */
  idField: string;
}

/** Another way a product accepts the organization (Invoice: a header as well as the query). */
export interface OrgContextAlternative extends Fact {
  kind: 'query' | 'header';
  name: string;
}

/** How a product is told which organization a call is for. */
export interface OrgContext extends Fact {
  /** query parameter, request header, or a `{placeholder}` in the path. */
  kind: 'query' | 'header' | 'path';
  /** Parameter or header name, or the path placeholder without braces. */
  name: string;
  /** What the UI calls the value: "Organization ID", "Portal ID". */
  label: string;
  discovery?: OrgDiscovery;
  /** Where to read it in the product's web UI. */
  whereInUi: string;
  /** Paths (prefixes, from the host root) that must not carry the context. */
  exemptPaths?: readonly string[];
  /**
   * Other forms the product accepts. Token Desk sends the primary form (kind, name); a value the
   * user already put in any of these forms wins.
   */
  alternatives?: readonly OrgContextAlternative[];
  note?: string;
}

/**
 * Reverse lookup: which scope a request path needs.
 * `path` is a template from the host root: literal segments, `{name}` matches one segment and
 * `**` (last) matches the rest, including nothing. `scope` is a scope-name template that may use
 * the captured values; captured values are lower-cased and stripped of "_" and "-" first, then
 * mapped through `aliases`.
 */
export interface ScopeRoute extends Fact {
  path: string;
  scope: string;
  /** Tried when the templated name is not a family of the product (custom modules). */
  fallback?: string;
  /** Operation per HTTP method where it differs from GET/HEAD→READ, POST→CREATE, PUT/PATCH→UPDATE, DELETE→DELETE. */
  methods?: Partial<Record<HttpMethod, Operation>>;
  aliases?: Readonly<Record<string, string>>;
}

/** A product as the data files write it. */
export interface ProductDefinition {
  id: ProductId;
  name: string;
  /** Scope service prefix, spelled exactly as Zoho does (ZOHOPEOPLE, Desk, ZohoSubscriptions). */
  servicePrefix: string;
  summary: string;
  docs: string;
  api: ProductApi;
  /** The data centres the product runs in; a DC that is absent has no host. */
  dcs: Partial<Record<DcCode, Fact>>;
  scopeFamilies: readonly ScopeFamily[];
  standaloneScopes?: readonly StandaloneScope[];
  presets: readonly Preset[];
  orgContext?: OrgContext;
  samples: readonly SampleRequest[];
  routes: readonly ScopeRoute[];
}

/** One concrete scope (family + operation), as pickers and lists show it. */
export interface ScopeEntry {
  /** The full scope string: ZohoCRM.modules.leads.READ. */
  scope: string;
  product: ProductId;
  /** The family without the operation: ZohoCRM.modules.leads (the scope itself for openid…). */
  family: string;
  operation: Operation | null;
  description: string;
  sensitivity: Sensitivity;
  confirmed: boolean;
  source?: string;
}

/** A product of the catalog: its definition plus the flattened list of its scopes. */
export interface Product extends ProductDefinition {
  scopes: readonly ScopeEntry[];
}
