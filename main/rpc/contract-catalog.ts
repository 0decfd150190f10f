// The contract's methods on the scope catalog: the products with their scopes and presets, a scope
// list checked and normalized, and a connection's sample requests.

import * as z from 'zod/mini';
import { byName, empty, PRODUCT_ID } from './contract-common.js';

export const scopeInfo = z.object({
  scope: z.string(),
  product: z.string(),
  description: z.string(),
  sensitivity: z.enum(['read', 'write', 'delete', 'full']),
  confirmed: z.boolean(),
});
export const productInfo = z.object({
  id: PRODUCT_ID,
  name: z.string(),
  servicePrefix: z.string(),
  scopes: z.array(scopeInfo),
  presets: z.array(z.object({ id: z.string(), label: z.string(), scopes: z.array(z.string()) })),
  /** How the product is told the organization (Books organization_id query, Desk orgId header). */
  orgContext: z.optional(
    z.object({
      kind: z.enum(['query', 'header', 'path']),
      name: z.string(),
      label: z.string(),
      whereInUi: z.string(),
    }),
  ),
});
export const sampleRequest = z.object({
  id: z.optional(z.string()),
  product: PRODUCT_ID,
  label: z.string(),
  method: z.literal('GET'),
  /** Path from the product's host root; `{name}` marks a value from `params`. */
  path: z.string(),
  scope: z.string(),
  /** Headers the request needs (WorkDrive: Accept: application/vnd.api+json). */
  headers: z.optional(z.array(z.tuple([z.string(), z.string()]))),
  /** Values the path needs; `value` when Token Desk knows it (the connection's ZUID). */
  params: z.optional(
    z.array(z.object({ name: z.string(), description: z.string(), value: z.optional(z.string()) })),
  ),
  /** The product's organization context must be added (Desk orgId, Books organization_id). */
  needsOrg: z.optional(z.boolean()),
});

export const catalogMethods = {
  'catalog.products': { params: empty, result: z.array(productInfo) },
  'catalog.checkScopes': {
    params: z.object({
      scopes: z.array(z.string()),
      presetIds: z._default(z.array(z.string()), []),
    }),
    result: z.object({
      scopes: z.array(z.string()),
      errors: z.array(z.object({ input: z.string(), reason: z.string() })),
      warnings: z.array(z.string()),
    }),
  },
  'catalog.samples': { params: byName, result: z.array(sampleRequest) },
} as const;
