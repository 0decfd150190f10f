// Zoho scope grammar and coverage: which scope strings are acceptable, and whether granted scopes
// cover the scope an endpoint needs. Zoho compares scopes case-insensitively (consoles accept
// `ZohoCRM.modules.all`, user info accepts `aaaserver.profile.read`).

const OPERATIONS = new Set(['all', 'read', 'create', 'update', 'delete', 'write', 'custom']);
// CRM documents WRITE as create + update + delete.
const WRITE_OPERATIONS = new Set(['create', 'update', 'delete']);
const OIDC_SCOPES = new Set(['openid', 'email', 'profile']);
const SCOPE_PART = /^[A-Za-z0-9_]+$/;

/** `Service.scope[.sub...].OPERATION`, or one of the OIDC scopes. Loose on names, strict on shape. */
export function isValidScope(scope: string): boolean {
  if (OIDC_SCOPES.has(scope.toLowerCase())) return true;
  const parts = scope.split('.');
  if (parts.length < 3 || !parts.every((part) => SCOPE_PART.test(part))) return false;
  return OPERATIONS.has(parts[parts.length - 1]!.toLowerCase());
}

export type ScopeListResult = { ok: true; scopes: string[] } | { ok: false; invalid: string };

/** Parses the `scope` parameter: comma-separated per the docs; whitespace is observed to work too. */
export function parseScopeList(raw: string | null | undefined): ScopeListResult {
  const scopes = [...new Set((raw ?? '').split(/[\s,]+/).filter((s) => s.length > 0))];
  if (scopes.length === 0) return { ok: false, invalid: '' };
  const invalid = scopes.find((scope) => !isValidScope(scope));
  return invalid === undefined ? { ok: true, scopes } : { ok: false, invalid };
}

/**
 * A granted scope covers a required one when the services match, the granted path is a prefix of
 * the required path, and the operation matches (ALL covers any; WRITE covers create/update/delete).
 * So `ZohoCRM.modules.ALL` and `ZohoCRM.modules.READ` cover `ZohoCRM.modules.leads.READ`.
 */
export function scopeCovers(granted: string, required: string): boolean {
  const g = granted.toLowerCase().split('.');
  const r = required.toLowerCase().split('.');
  if (g.length < 3 || r.length < 3 || g.length > r.length) return g.join('.') === r.join('.');
  const gOp = g[g.length - 1]!;
  const rOp = r[r.length - 1]!;
  const gPath = g.slice(0, -1);
  const rPath = r.slice(0, -1);
  if (!gPath.every((part, i) => part === rPath[i])) return false;
  return gOp === 'all' || gOp === rOp || (gOp === 'write' && WRITE_OPERATIONS.has(rOp));
}

export function hasScope(granted: readonly string[], required: string): boolean {
  return granted.some((scope) => scopeCovers(scope, required));
}
