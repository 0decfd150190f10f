// The contract's methods on test requests: send (with its response), the kept history, and the
// request as a cURL command.

import * as z from 'zod/mini';
import { HTTP_METHODS } from '../vocabulary/index.js';
import { empty, name, PRODUCT_ID } from './contract-common.js';

export const apiRequest = z.object({
  method: z.enum(HTTP_METHODS),
  pathOrUrl: z.string().check(z.minLength(1)),
  query: z._default(z.array(z.tuple([z.string(), z.string()])), []),
  headers: z._default(z.array(z.tuple([z.string(), z.string()])), []),
  body: z.optional(z.string()),
  /** The product's organization context (Books organization_id, Desk orgId, ...). */
  orgId: z.optional(z.string().check(z.maxLength(64))),
  /** The product the request is for (a sample's, or the builder's choice); needed where
   * products share paths (Desk and Sign: /api/v1/). */
  product: z.optional(PRODUCT_ID),
});
export type ApiRequestInput = z.infer<typeof apiRequest>;

export const apiResponse = z.object({
  url: z.string(),
  status: z.number(),
  statusText: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  sizeBytes: z.number(),
  durationMs: z.number(),
  retriedAfterRefresh: z.boolean(),
  /** The API said the token lacks a scope (CRM OAUTH_SCOPE_MISMATCH, Books code 57, ...). */
  scopeMismatch: z.optional(z.boolean()),
  /** When the API said the token lacks a scope: the scope this URL needs, if the catalog knows. */
  missingScope: z.optional(z.string()),
  /** The catalog product the URL belongs to, and whether its organization context was added. */
  product: z.optional(z.string()),
  orgContextApplied: z.optional(z.boolean()),
});
export type ApiResponseView = z.infer<typeof apiResponse>;

export const historyEntry = z.object({
  id: z.string(),
  connection: z.string(),
  at: z.number(),
  request: apiRequest,
  status: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  error: z.optional(z.string()),
});

export const requestMethods = {
  'requests.send': { params: z.object({ name, request: apiRequest }), result: apiResponse },
  'requests.history': {
    params: z.object({ name: z.optional(name) }),
    result: z.array(historyEntry),
  },
  /** "Clear history": forgets every kept request, of every connection. */
  'requests.clearHistory': { params: empty, result: z.object({ removed: z.number() }) },
  'requests.curl': {
    params: z.object({ name, request: apiRequest, includeToken: z._default(z.boolean(), false) }),
    result: z.object({ text: z.string() }),
  },
} as const;
