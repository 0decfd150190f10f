// Small builders shared by the product data files, so that the data stays short and uniform.

import type { DcCode } from '../../zoho/data-centres.js';
import type { Fact, Operation, ScopeFamily } from '../types.js';

export const CRUD: readonly Operation[] = ['READ', 'CREATE', 'UPDATE', 'DELETE'];
export const ALL_CRUD: readonly Operation[] = ['ALL', 'READ', 'CREATE', 'UPDATE', 'DELETE'];

/** A source key of docs/zoho.md §13, Sources (the URLs checked while building the catalog). */
export const REF = (key: string) => `docs/zoho.md S:${key}`;
export const OBSERVED = 'docs/zoho.md §12 [observed]: third-party code, not Zoho docs';

/** The same Fact for several data centres. */
export function inDcs(dcs: readonly DcCode[], fact: Fact): Partial<Record<DcCode, Fact>> {
  return Object.fromEntries(dcs.map((dc) => [dc, fact]));
}

/** Confirmed DCs plus unconfirmed ones, in one map. */
export function dcMap(
  confirmed: readonly DcCode[],
  confirmedSource: string,
  unconfirmed: readonly DcCode[] = [],
  unconfirmedSource = 'not stated for this product in docs/zoho.md; Zoho runs the product in this DC as far as we know',
): Partial<Record<DcCode, Fact>> {
  return {
    ...inDcs(confirmed, { confirmed: true, source: confirmedSource }),
    ...inDcs(unconfirmed, { confirmed: false, source: unconfirmedSource }),
  };
}

/** One family per entry of `names`, with the same operations and facts. */
export function families(
  entries: readonly (readonly [name: string, description: string])[],
  operations: readonly Operation[],
  fact: Fact & { unconfirmedOperations?: readonly Operation[] },
): ScopeFamily[] {
  return entries.map(([name, description]) => ({ name, description, operations, ...fact }));
}
