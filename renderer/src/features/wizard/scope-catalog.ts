// The scope catalog as the picker searches it: each product's scopes grouped by family (the scope
// without its operation), what a search leaves of each product, and the presets a search finds.

import type { Result } from '../../../../main/rpc/contract.js';
import { splitOperation } from '../../lib/scopes.js';

export type Product = Result<'catalog.products'>[number];
export type ScopeInfo = Product['scopes'][number];
export type Preset = Product['presets'][number];

export interface Family {
  family: string;
  description: string;
  confirmed: boolean;
  scopes: ScopeInfo[];
}

function familiesOf(product: Product): Family[] {
  const byFamily = new Map<string, Family>();
  for (const scope of product.scopes) {
    const { family } = splitOperation(scope.scope);
    const entry = byFamily.get(family) ?? {
      family,
      description: scope.description,
      confirmed: true,
      scopes: [],
    };
    entry.scopes.push(scope);
    entry.confirmed &&= scope.confirmed;
    byFamily.set(family, entry);
  }
  return [...byFamily.values()];
}

const matches = (text: string, query: string) => text.toLowerCase().includes(query);

/**
 * The products a search shows, each with the families it shows: all of them when the product
 * itself matches (or there is no search), else those whose name, description or a scope matches.
 * `query` is trimmed and lower case.
 */
export function visibleProducts(
  products: readonly Product[],
  query: string,
): { product: Product; families: Family[] }[] {
  return products
    .map((product) => {
      const families = familiesOf(product);
      if (!query || matches(product.name, query) || matches(product.servicePrefix, query))
        return { product, families };
      return {
        product,
        families: families.filter(
          (f) =>
            matches(f.family, query) ||
            matches(f.description, query) ||
            f.scopes.some((s) => matches(s.scope, query)),
        ),
      };
    })
    .filter((entry) => entry.families.length > 0);
}

/** The presets a search finds, by label, product or scope; none without a search. */
export function matchingPresets(
  products: readonly Product[],
  query: string,
): (Preset & { product: string })[] {
  if (!query) return [];
  return products
    .flatMap((p) => p.presets.map((preset) => ({ ...preset, product: p.name })))
    .filter(
      (preset) =>
        matches(preset.label, query) ||
        matches(preset.product, query) ||
        preset.scopes.some((s) => matches(s, query)),
    );
}
