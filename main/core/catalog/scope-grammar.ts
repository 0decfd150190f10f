// Zoho scope grammar (docs/zoho.md §10, Scopes): `Service.scope.OPERATION`, where the scope name
// may be nested (ZohoCRM.settings.fields.READ) and the operation is case-insensitive. Parsing
// normalizes a scope to the catalog's spelling (service and name as Zoho writes them, operation
// upper-case) so that lists compare and de-duplicate reliably; anything else is rejected with a
// plain-language reason. Also: sensitivity of a scope, and whether one scope covers another.

import { PRODUCT_DEFINITIONS } from './products/index.js';
import {
  OPERATIONS,
  type Operation,
  type ProductId,
  type ScopeFamily,
  type Sensitivity,
} from './types.js';

/** OpenID Connect scopes: the only accepted scopes outside the Service.scope.OPERATION grammar. */
export const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

export interface ParsedScope {
  /** The normalized scope, e.g. ZohoCRM.modules.ALL for "zohocrm.modules.all". */
  text: string;
  kind: 'service' | 'oidc';
  /** Service prefix ('' for OpenID Connect scopes). */
  service: string;
  /** Scope name, possibly nested ("modules.leads"); the scope itself for OpenID Connect scopes. */
  name: string;
  operation: Operation | null;
  sensitivity: Sensitivity;
  /** The product that owns the service prefix, when the catalog knows it. */
  product?: ProductId;
  /** The catalog lists this exact scope (family and operation). */
  known: boolean;
  /** Zoho's docs confirm this exact scope (always false when unknown). */
  confirmed: boolean;
}

export type ParseScopeResult = { ok: true; scope: ParsedScope } | { ok: false; reason: string };

export interface ScopeError {
  input: string;
  reason: string;
}

export interface NormalizedScopes {
  /** Valid scopes, normalized, de-duplicated, in the order first given. */
  scopes: string[];
  /** Rejected entries, each with the reason (a phrase without a final full stop). */
  errors: ScopeError[];
  /** Valid scopes the catalog does not list (allowed: the catalog is not exhaustive). */
  unknown: string[];
}

interface FamilyIndexEntry {
  product: ProductId;
  service: string;
  family: ScopeFamily;
}

const SERVICES = new Map<string, { product: ProductId; service: string }>();
const FAMILIES = new Map<string, FamilyIndexEntry>();
for (const product of PRODUCT_DEFINITIONS) {
  SERVICES.set(product.servicePrefix.toLowerCase(), {
    product: product.id,
    service: product.servicePrefix,
  });
  for (const family of product.scopeFamilies) {
    const service = family.service ?? product.servicePrefix;
    if (!SERVICES.has(service.toLowerCase()))
      SERVICES.set(service.toLowerCase(), { product: product.id, service });
    FAMILIES.set(`${service}.${family.name}`.toLowerCase(), {
      product: product.id,
      service,
      family,
    });
  }
}

/** The catalog's family for a service and scope name, compared case-insensitively. */
export function findFamily(service: string, name: string): FamilyIndexEntry | undefined {
  return FAMILIES.get(`${service}.${name}`.toLowerCase());
}

export function sensitivityOf(operation: Operation | null, name = ''): Sensitivity {
  if (name.split('.')[0]?.toLowerCase() === 'fullaccess') return 'full';
  switch (operation) {
    case null:
    case 'READ':
      return 'read';
    // CRM's WRITE is "an alias for CREATE, UPDATE and DELETE" (select-api-scopes): it can delete.
    case 'WRITE':
    case 'DELETE':
      return 'delete';
    case 'ALL':
      return 'full';
    default:
      return 'write';
  }
}

export function isOperation(value: string): value is Operation {
  return (OPERATIONS as readonly string[]).includes(value);
}

export function parseScope(input: string): ParseScopeResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'it is empty' };
  if (/[\s,;]/.test(raw)) {
    return {
      ok: false,
      reason:
        'it holds a space or several scopes; give one scope at a time and separate scopes with commas',
    };
  }
  const lower = raw.toLowerCase();
  if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
    return {
      ok: true,
      scope: {
        text: lower,
        kind: 'oidc',
        service: '',
        name: lower,
        operation: null,
        sensitivity: 'read',
        product: 'accounts',
        known: true,
        confirmed: true,
      },
    };
  }
  const bad = /[^A-Za-z0-9_.]/.exec(raw);
  if (bad)
    return {
      ok: false,
      reason: `it contains "${bad[0]}"; scopes use only letters, digits, "_" and dots, like ZohoCRM.modules.READ`,
    };
  const parts = raw.split('.');
  if (parts.some((part) => part === ''))
    return {
      ok: false,
      reason: 'it has an empty part (two dots in a row, or a dot at the start or end)',
    };
  if (parts.length < 3) {
    return {
      ok: false,
      reason: `a Zoho scope has three parts, Service.scope.OPERATION (e.g. ZohoCRM.modules.READ), and this has ${parts.length}`,
    };
  }
  const serviceText = parts[0]!;
  if (!/^[A-Za-z]/.test(serviceText))
    return { ok: false, reason: `the service name "${serviceText}" must start with a letter` };
  const operationText = parts[parts.length - 1]!;
  const operation = operationText.toUpperCase();
  if (!isOperation(operation)) {
    return {
      ok: false,
      reason: `"${operationText}" is not an operation; use ALL, READ, CREATE, UPDATE or DELETE (CRM also takes WRITE and CUSTOM)`,
    };
  }
  const nameText = parts.slice(1, -1).join('.');
  const known = SERVICES.get(serviceText.toLowerCase());
  const service = known?.service ?? serviceText;
  const entry = findFamily(service, nameText);
  const name = entry?.family.name ?? nameText;
  const listed = entry !== undefined && entry.family.operations.includes(operation);
  return {
    ok: true,
    scope: {
      text: `${service}.${name}.${operation}`,
      kind: 'service',
      service,
      name,
      operation,
      sensitivity: sensitivityOf(operation, name),
      ...(known ? { product: entry?.product ?? known.product } : {}),
      known: listed,
      confirmed:
        listed &&
        entry.family.confirmed &&
        !(entry.family.unconfirmedOperations ?? []).includes(operation),
    },
  };
}

/**
 * Validates and normalizes a scope list: an array, or one string separated by commas or spaces
 * (what people paste). Duplicates (in any letter case) are dropped.
 */
export function normalizeScopes(input: readonly string[] | string): NormalizedScopes {
  const items = (typeof input === 'string' ? [input] : input)
    .flatMap((item) => item.split(/[\s,]+/))
    .filter((item) => item !== '');
  const scopes: string[] = [];
  const errors: ScopeError[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const parsed = parseScope(item);
    if (!parsed.ok) {
      errors.push({ input: item, reason: parsed.reason });
      continue;
    }
    const key = parsed.scope.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    scopes.push(parsed.scope.text);
    if (!parsed.scope.known) unknown.push(parsed.scope.text);
  }
  return { scopes, errors, unknown };
}

function operationCovers(granted: Operation, required: Operation): boolean {
  if (granted === 'ALL' || granted === required) return true;
  return (
    granted === 'WRITE' && (required === 'CREATE' || required === 'UPDATE' || required === 'DELETE')
  );
}

function coversParsed(granted: ParsedScope, required: ParsedScope): boolean {
  if (granted.kind === 'oidc' || required.kind === 'oidc') return granted.text === required.text;
  if (granted.service.toLowerCase() !== required.service.toLowerCase()) return false;
  const grantedName = granted.name.toLowerCase().split('.');
  const requiredName = required.name.toLowerCase().split('.');
  const nameCovers =
    grantedName[0] === 'fullaccess' ||
    (grantedName.length <= requiredName.length &&
      grantedName.every((part, i) => part === requiredName[i]));
  return nameCovers && operationCovers(granted.operation!, required.operation!);
}

/**
 * Whether a granted scope (or any of a list) allows what `required` allows: same service; the
 * same name or a parent of it (ZohoCRM.modules covers ZohoCRM.modules.leads); `fullaccess`
 * covers every name of its service; ALL covers every operation and WRITE covers create, update
 * and delete. Letter case is ignored. Invalid scopes cover nothing.
 */
export function scopeCovers(granted: string | readonly string[], required: string): boolean {
  const need = parseScope(required);
  if (!need.ok) return false;
  const list = typeof granted === 'string' ? [granted] : granted;
  return list.some((item) => {
    const have = parseScope(item);
    return have.ok && coversParsed(have.scope, need.scope);
  });
}
