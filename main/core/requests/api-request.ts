// The shape of a test API request and its response, shared by the runner, history and cURL export.

import type { ProductId } from '../catalog/index.js';

export interface ApiRequest {
  method: string;
  /** A path relative to the connection's API host (e.g. /crm/v8/org) or a full Zoho URL. */
  pathOrUrl: string;
  /** Query parameters appended to the URL. */
  query?: Array<[string, string]>;
  headers?: Array<[string, string]>;
  /** Request body text (JSON for Zoho APIs). */
  body?: string;
  /** The product's organization context (Books organization_id, Desk orgId, ...), when it needs one. */
  orgId?: string;
  /**
   * The catalog product the request is for, when the caller knows it (a sample, the builder's
   * Product choice, `--product`). Needed for paths several products share (Desk and Sign both
   * use /api/v1/); otherwise the path decides.
   */
  product?: ProductId;
}

export interface ApiResponse {
  url: string;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  sizeBytes: number;
  durationMs: number;
  /** The first answer was INVALID_TOKEN; the token was refreshed and the request sent again. */
  retriedAfterRefresh: boolean;
  /** The catalog product the URL belongs to, when known. */
  product?: string;
  /** Whether the product's organization context was added to the request. */
  orgContextApplied: boolean;
}
