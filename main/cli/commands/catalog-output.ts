// Output of `token-desk products` and `token-desk scopes`: the Zoho product catalog in the terminal. Plain
// aligned text for people (no colours, so pipes and terminals read the same), stable JSON with
// --json for scripts. A "?" marks a fact Zoho's docs do not confirm.

import { DC_CODES, type DcCode } from '../../vocabulary/index.js';
import {
  PRODUCTS,
  defaultProductHost,
  hostPattern,
  requireProduct,
  searchScopes,
  type OrgContext,
  type Product,
  type ScopeEntry,
  type Sensitivity,
} from '../../core/catalog/index.js';
import { jsonText, table } from '../format.js';

export interface CatalogCommandsIo {
  stdout(text: string): void;
}

const UNCONFIRMED = '?';
const SENSITIVITY_ORDER: readonly Sensitivity[] = ['read', 'write', 'delete', 'full'];

function mark(text: string, confirmed: boolean): string {
  return confirmed ? text : `${text}${UNCONFIRMED}`;
}

function productDcs(product: Product): DcCode[] {
  return DC_CODES.filter((dc) => product.dcs[dc] !== undefined);
}

function orgContextText(context: OrgContext | undefined): string {
  if (!context) return '-';
  const where =
    context.kind === 'path' ? `path {${context.name}}` : `${context.kind} ${context.name}`;
  const others = (context.alternatives ?? []).map((alt) =>
    mark(`${alt.kind} ${alt.name}`, alt.confirmed),
  );
  return mark(where, context.confirmed) + (others.length ? ` (or ${others.join(', or ')})` : '');
}

function productJson(product: Product) {
  return {
    id: product.id,
    name: product.name,
    scopePrefix: product.servicePrefix,
    summary: product.summary,
    docs: product.docs,
    api: {
      hostPattern: hostPattern(product),
      basePath: product.api.basePath,
      version: product.api.version,
      confirmed: product.api.confirmed,
    },
    hosts: productDcs(product).map((dc) => {
      const host = defaultProductHost(product, dc)!;
      return { dc, url: host.origin + product.api.basePath, confirmed: host.confirmed };
    }),
    orgContext: product.orgContext
      ? {
          kind: product.orgContext.kind,
          name: product.orgContext.name,
          label: product.orgContext.label,
          discovery: product.orgContext.discovery
            ? {
                method: product.orgContext.discovery.method,
                path: product.orgContext.discovery.path,
                scope: product.orgContext.discovery.scope,
                confirmed: product.orgContext.discovery.confirmed,
              }
            : null,
          whereInUi: product.orgContext.whereInUi,
          confirmed: product.orgContext.confirmed,
          alternatives: (product.orgContext.alternatives ?? []).map((alt) => ({
            kind: alt.kind,
            name: alt.name,
            confirmed: alt.confirmed,
          })),
        }
      : null,
    presets: product.presets.map((preset) => ({
      id: preset.id,
      label: preset.label,
      scopes: [...preset.scopes],
    })),
  };
}

export function printProducts(io: CatalogCommandsIo, asJson: boolean): void {
  if (asJson) {
    io.stdout(jsonText({ products: PRODUCTS.map(productJson) }));
    return;
  }
  const rows = PRODUCTS.map((product) => [
    product.id,
    product.name,
    product.servicePrefix,
    `${hostPattern(product)}${product.api.basePath}`,
    productDcs(product)
      .map((dc) => mark(dc, defaultProductHost(product, dc)!.confirmed))
      .join(' '),
    orgContextText(product.orgContext),
  ]);
  io.stdout(
    table(['ID', 'NAME', 'SCOPE PREFIX', 'API ROOT', 'DATA CENTRES', 'ORGANIZATION'], rows),
  );
  io.stdout(
    `\n${UNCONFIRMED} = not confirmed by Zoho's docs (seen in third-party code, or assumed).\nScopes of one product: token-desk scopes --product <id>\n`,
  );
}

/** One row per scope family: its operations, the range of sensitivity and the description. */
function familyRows(entries: readonly ScopeEntry[], withProduct: boolean): string[][] {
  const groups = new Map<string, ScopeEntry[]>();
  for (const entry of entries) {
    const key = `${entry.product} ${entry.family}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const operations = group
      .map((entry) => (entry.operation === null ? '-' : mark(entry.operation, entry.confirmed)))
      .join(' ');
    const sensitivities = SENSITIVITY_ORDER.filter((s) =>
      group.some((entry) => entry.sensitivity === s),
    ).join(', ');
    const family = first.operation === null ? mark(first.family, first.confirmed) : first.family;
    return [
      ...(withProduct ? [first.product] : []),
      family,
      operations,
      sensitivities,
      first.description,
    ];
  });
}

export function printScopes(
  io: CatalogCommandsIo,
  options: { product?: string; search?: string; json?: boolean },
): void {
  const productId = options.product === undefined ? undefined : requireProduct(options.product).id;
  const entries = searchScopes(options.search ?? '', productId);
  if (options.json) {
    io.stdout(
      jsonText({
        scopes: entries.map((entry) => ({
          scope: entry.scope,
          product: entry.product,
          family: entry.family,
          operation: entry.operation,
          sensitivity: entry.sensitivity,
          confirmed: entry.confirmed,
          description: entry.description,
        })),
      }),
    );
    return;
  }
  if (entries.length === 0) {
    io.stdout(
      `No scopes match "${options.search ?? ''}"${productId ? ` in ${productId}` : ''}. Try a shorter word, or token-desk scopes without --search.\n`,
    );
    return;
  }
  const withProduct = productId === undefined;
  io.stdout(
    table(
      [...(withProduct ? ['PRODUCT'] : []), 'SCOPE', 'OPERATIONS', 'SENSITIVITY', 'DESCRIPTION'],
      familyRows(entries, withProduct),
    ),
  );
  io.stdout(
    `\nA scope is SCOPE.OPERATION, e.g. ${example(entries)}. ${UNCONFIRMED} = not confirmed by Zoho's docs.\n`,
  );
}

/** A scope to show in the footer: a READ one of the list when there is one. */
function example(entries: readonly ScopeEntry[]): string {
  return (
    (entries.find((e) => e.operation === 'READ') ?? entries.find((e) => e.operation !== null))
      ?.scope ?? 'ZohoCRM.modules.READ'
  );
}
