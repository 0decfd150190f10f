// Splitting a scope list as Zoho and people write it. The grammar of a scope itself is the
// catalog's business (main/core/catalog).

/**
 * Zoho joins scopes with commas, standard servers and people with spaces or new lines: accept
 * all of them, and arrays of such lists (a self_client.json may hold either).
 */
export function splitScopes(scope: string | readonly string[]): string[] {
  const parts = typeof scope === 'string' ? [scope] : scope;
  return parts.flatMap((part) => part.split(/[\s,]+/)).filter((s) => s.length > 0);
}
