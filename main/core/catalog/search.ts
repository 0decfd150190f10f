// Scope search for the picker and `token-desk scopes --search`: every word of the query must
// appear in the scope, its description or its product's name; exact and prefix matches on the
// scope string come first.

import { getProduct, listScopes } from './catalog.js';
import type { ScopeEntry } from './types.js';

function rank(entry: ScopeEntry, query: string, words: readonly string[]): number {
  const scope = entry.scope.toLowerCase();
  if (scope === query) return 0;
  if (scope.startsWith(query)) return 1;
  if (words.every((word) => scope.includes(word))) return 2;
  return 3;
}

/** Scopes matching the query (all of them for an empty query), of one product or of all. */
export function searchScopes(query: string, productId?: string): ScopeEntry[] {
  const entries = listScopes(productId);
  const normalized = query.trim().toLowerCase();
  const words = normalized.split(/[\s,]+/).filter((word) => word !== '');
  if (words.length === 0) return entries;
  const matches = entries
    .map((entry, index) => {
      const product = getProduct(entry.product);
      const haystack = [
        entry.scope,
        entry.description,
        entry.product,
        product?.name ?? '',
        entry.sensitivity,
      ]
        .join(' ')
        .toLowerCase();
      return { entry, index, matches: words.every((word) => haystack.includes(word)) };
    })
    .filter((item) => item.matches);
  return matches
    .map((item) => ({ ...item, rank: rank(item.entry, normalized, words) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((item) => item.entry);
}
