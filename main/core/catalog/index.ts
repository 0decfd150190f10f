// The Zoho product catalog: typed facts about Zoho products (scopes, presets, hosts per data
// centre, organization context, sample requests) and the behaviour built on them. Facts come from
// Zoho's public docs, as listed in docs/zoho.md §12, The product catalog, and §13, Sources; every
// fact carries `confirmed` (false = seen only in third-party code or assumed) so the UI can say
// "unverified".
//
// Exported API (everything the rest of the app uses comes from this file):
//
// Data
//   PRODUCTS: readonly Product[]                  all 22 products, display order, scopes flattened
//   PRODUCT_IDS, OPERATIONS, OIDC_SCOPES, ZOHO_TLD
//   getProduct(id) -> Product | undefined         requireProduct(id) -> Product (inputError 'unknown_product')
//   isProductId(text)
//   listScopes(productId?) -> ScopeEntry[]        listPresets(productId?), getPreset(id)
//   listSampleRequests(productId?)                catalogFactCounts()
//   findProductForPath(pathOrUrl) -> Product | undefined   by own host, else longest path prefix
//                                                          ("/crm/", "/books/"); undefined if ambiguous
//   productsForPath(pathOrUrl) -> Product[]       every candidate (Desk and Sign share /api/v1/)
// Scope grammar
//   parseScope(text) -> { ok: true, scope: ParsedScope } | { ok: false, reason }
//   normalizeScopes(list | "a,b c") -> { scopes, errors: {input, reason}[], unknown }
//   scopeCovers(granted | granted[], required) -> boolean   (ALL covers ops, parent names cover
//                                                           nested ones, fullaccess covers its service)
//   sensitivityOf(operation, name?) -> 'read' | 'write' | 'delete' | 'full'
// Advice and lookups
//   leastPrivilegeWarnings(scopes, { presetIds? }) -> LeastPrivilegeWarning[]
//   requiredScopeFor(productId | undefined, method, pathOrUrl) -> { scope, product, confirmed, alsoAccepted } | undefined
//   sampleRequestsFor(grantedScopes) -> CatalogSampleRequest[]
//   searchScopes(query, productId?) -> ScopeEntry[]
// Hosts and requests
//   defaultProductHost(product, dc) -> { origin, confirmed } | undefined
//   resolveProductOrigin(product, { dc, apiDomain?, accountsUrl?, environment? }) -> origin | undefined
//   resolveProductBaseUrl(product, { dc, apiDomain?, ... }) -> origin + base path | undefined
//   resolveProductUrl(product, path, { dc, ... }) -> full URL | undefined
//   orgContextFor(productId) -> OrgContext | undefined
//   applyOrgContext(productId, { url, headers }, orgValue) -> { url, headers }   (inputError 'bad_org_value')

export {
  PRODUCTS,
  getProduct,
  requireProduct,
  isProductId,
  listScopes,
  listPresets,
  getPreset,
  listSampleRequests,
  findProductForPath,
  productsForPath,
  sampleRequestsFor,
  orgContextFor,
} from './catalog.js';
export type { CatalogSampleRequest } from './catalog.js';
export {
  OIDC_SCOPES,
  parseScope,
  normalizeScopes,
  scopeCovers,
  sensitivityOf,
} from './scope-grammar.js';
export type {
  ParsedScope,
  ParseScopeResult,
  NormalizedScopes,
  ScopeError,
} from './scope-grammar.js';
export { leastPrivilegeWarnings } from './least-privilege.js';
export type {
  LeastPrivilegeWarning,
  LeastPrivilegeCode,
  LeastPrivilegeOptions,
} from './least-privilege.js';
export { requiredScopeFor } from './reverse-lookup.js';
export type { RequiredScope } from './reverse-lookup.js';
export { searchScopes } from './search.js';
export { applyOrgContext } from './org-context.js';
export type { RequestParts } from './org-context.js';
export {
  ZOHO_TLD,
  defaultProductHost,
  hostPattern,
  resolveProductOrigin,
  resolveProductBaseUrl,
  resolveProductUrl,
} from './hosts.js';
export type { HostContext, ProductHost } from './hosts.js';
export { catalogFactCounts } from './facts.js';
export type { FactCount, FactKind } from './facts.js';
export { PRODUCT_IDS, OPERATIONS } from './types.js';
export type {
  Fact,
  HostRule,
  HttpMethod,
  Operation,
  OrgContext,
  OrgContextAlternative,
  OrgDiscovery,
  Preset,
  Product,
  ProductApi,
  ProductDefinition,
  ProductId,
  SampleRequest,
  ScopeEntry,
  ScopeFamily,
  ScopeRoute,
  Sensitivity,
  StandaloneScope,
} from './types.js';
