// Scope list helpers for the UI. The grammar itself is checked by the core (catalog.checkScopes);
// splitting a typed or pasted list is the shared vocabulary's.

export { splitScopes } from '../../../main/vocabulary/index.js';

/** `ZohoCRM.modules.ALL` -> { family: 'ZohoCRM.modules', operation: 'ALL' }. */
export function splitOperation(scope: string): { family: string; operation: string } {
  const dot = scope.lastIndexOf('.');
  return dot === -1
    ? { family: scope, operation: '' }
    : { family: scope.slice(0, dot), operation: scope.slice(dot + 1) };
}

export function uniqueScopes(scopes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const scope of scopes) {
    const key = scope.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(scope);
    }
  }
  return out;
}

export const sameScope = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
