// Counts of confirmed and unconfirmed facts in the catalog, for "how sure is this?" summaries.
// A fact is one scope (family + operation), one product host in one DC, one API root, one
// organization context (and its discovery request), one sample request or one route.

import { PRODUCTS } from './catalog.js';

export interface FactCount {
  confirmed: number;
  unconfirmed: number;
}

export type FactKind = 'scopes' | 'hosts' | 'apiRoots' | 'orgContexts' | 'samples' | 'routes';

export function catalogFactCounts(): Record<FactKind | 'total', FactCount> {
  const counts = Object.fromEntries(
    (['scopes', 'hosts', 'apiRoots', 'orgContexts', 'samples', 'routes', 'total'] as const).map(
      (kind) => [kind, { confirmed: 0, unconfirmed: 0 }],
    ),
  ) as Record<FactKind | 'total', FactCount>;
  const add = (kind: FactKind, confirmed: boolean) => {
    counts[kind][confirmed ? 'confirmed' : 'unconfirmed'] += 1;
    counts.total[confirmed ? 'confirmed' : 'unconfirmed'] += 1;
  };
  for (const product of PRODUCTS) {
    product.scopes.forEach((entry) => add('scopes', entry.confirmed));
    Object.values(product.dcs).forEach((fact) => add('hosts', fact.confirmed));
    add('apiRoots', product.api.confirmed);
    if (product.orgContext) {
      add('orgContexts', product.orgContext.confirmed);
      if (product.orgContext.discovery) add('orgContexts', product.orgContext.discovery.confirmed);
    }
    product.samples.forEach((sample) => add('samples', sample.confirmed));
    product.routes.forEach((route) => add('routes', route.confirmed));
  }
  return counts;
}
