// Adds the organization a request is for, the way each product wants it: Books, Inventory,
// Expense and Invoice take the `organization_id` query parameter, Billing an organization
// header, Desk the `orgId` header, Analytics `ZANALYTICS-ORGID`, Projects the portal id in the
// path. Values the user typed in the URL or headers win over the chosen organization.

import { inputError } from '../errors.js';
import { orgContextFor } from './catalog.js';
import { startsWithPrefix } from './hosts.js';

export interface RequestParts {
  /** Absolute URL. */
  url: string;
  headers: Readonly<Record<string, string>>;
}

/** Organization ids, portal ids and names: no spaces, no line breaks, nothing to escape a header. */
const ORG_VALUE = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Returns a copy of the request with the product's organization context added. Unchanged when
 * the product needs none, `orgValue` is empty, or the path is one that lists organizations.
 */
export function applyOrgContext(
  productId: string,
  request: RequestParts,
  orgValue: string | undefined,
): { url: string; headers: Record<string, string> } {
  const headers = { ...request.headers };
  const context = orgContextFor(productId);
  const value = orgValue?.trim() ?? '';
  if (!context || value === '') return { url: request.url, headers };
  if (!ORG_VALUE.test(value)) {
    throw inputError(
      'bad_org_value',
      `"${orgValue}" is not a valid ${context.label}: it may hold only letters, digits, ".", "_" and "-".`,
      `Copy the ${context.label} exactly. ${context.whereInUi}`,
    );
  }
  const url = new URL(request.url);
  if ((context.exemptPaths ?? []).some((prefix) => startsWithPrefix(url.pathname, prefix)))
    return { url: url.toString(), headers };
  const hasHeader = (wanted: string) =>
    Object.keys(headers).some((name) => name.toLowerCase() === wanted.toLowerCase());
  const userGaveIt = [context, ...(context.alternatives ?? [])].some((form) =>
    form.kind === 'query'
      ? url.searchParams.has(form.name)
      : form.kind === 'header' && hasHeader(form.name),
  );
  switch (context.kind) {
    case 'query':
      if (!userGaveIt) url.searchParams.set(context.name, value);
      break;
    case 'header':
      if (!userGaveIt) headers[context.name] = value;
      break;
    case 'path': {
      const placeholder = `{${context.name}}`;
      url.pathname = url.pathname
        .split(placeholder)
        .join(value)
        .split(encodeURIComponent(placeholder))
        .join(value);
      break;
    }
  }
  return { url: url.toString(), headers };
}
