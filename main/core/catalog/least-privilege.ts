// Least-privilege advice for a scope list: a token should carry no more than its job needs,
// because it often ends up in scripts, Postman and spreadsheets. Flags `.ALL` and `fullaccess`
// where something narrower covers what was chosen, and write/delete scopes when only read-only
// presets were picked. Advice only: nothing is removed.

import { getPreset, getProduct } from './catalog.js';
import { normalizeScopes, parseScope, scopeCovers, type ParsedScope } from './scope-grammar.js';
import type { Sensitivity } from './types.js';

export type LeastPrivilegeCode =
  /** A write, delete or full scope while every picked preset only reads. */
  | 'write-with-read-presets'
  /** A broad scope chosen next to narrower ones that it already includes. */
  | 'broad-with-narrower'
  /** A broad scope where the picked presets need only narrower ones. */
  | 'broader-than-presets'
  /** A broad scope (ALL or fullaccess) with a narrower alternative in the catalog. */
  | 'broad';

export interface LeastPrivilegeWarning {
  code: LeastPrivilegeCode;
  scope: string;
  /** One plain-language sentence for the UI or the terminal. */
  message: string;
  /** Narrower scopes to consider instead. */
  suggestion: string[];
}

export interface LeastPrivilegeOptions {
  /** Ids of the presets the user picked; unknown ids are ignored. */
  presetIds?: readonly string[];
}

const DOES: Readonly<Record<Sensitivity, string>> = {
  read: 'read data',
  write: 'create or change data',
  delete: 'delete data',
  full: 'read, create, change and delete data',
};

/** Parses a scope known to be valid (normalizeScopes output); undefined otherwise. */
function parsed(text: string): ParsedScope | undefined {
  const result = parseScope(text);
  return result.ok ? result.scope : undefined;
}

function isBroad(scope: ParsedScope): boolean {
  return (
    scope.kind === 'service' &&
    (scope.operation === 'ALL' || scope.name.toLowerCase().split('.')[0] === 'fullaccess')
  );
}

/**
 * The read-only alternative of a broad scope: its READ variant, else the READ scopes of the
 * families nested under it; for fullaccess, the product's first read-only preset.
 */
function narrowerAlternative(scope: ParsedScope): { scopes: string[]; text: string } | undefined {
  if (scope.name.toLowerCase().split('.')[0] === 'fullaccess') {
    const product = scope.product ? getProduct(scope.product) : undefined;
    const readPreset = product?.presets.find((preset) =>
      preset.scopes.every((text) => parsed(text)?.sensitivity === 'read'),
    );
    return readPreset
      ? { scopes: [...readPreset.scopes], text: `the preset "${readPreset.label}" instead` }
      : undefined;
  }
  const read = parsed(`${scope.service}.${scope.name}.READ`);
  if (read?.known) return { scopes: [read.text], text: `${read.text} instead` };
  // No READ of its own (ZohoCRM.settings.ALL): the READ scopes of the families nested under it.
  const product = scope.product ? getProduct(scope.product) : undefined;
  const parent = `${scope.service}.${scope.name}.`.toLowerCase();
  const parts = (product?.scopes ?? [])
    .filter((entry) => entry.operation === 'READ' && entry.scope.toLowerCase().startsWith(parent))
    .map((entry) => entry.scope);
  if (parts.length === 0) return undefined;
  const shown =
    parts.length > 4
      ? `${parts.slice(0, 4).join(', ')} and ${parts.length - 4} more`
      : parts.join(', ');
  return { scopes: parts, text: `the READ scopes of its parts instead: ${shown}` };
}

export function leastPrivilegeWarnings(
  scopes: readonly string[],
  options: LeastPrivilegeOptions = {},
): LeastPrivilegeWarning[] {
  const chosen = normalizeScopes(scopes)
    .scopes.map(parsed)
    .filter((scope) => scope !== undefined);
  const presets = (options.presetIds ?? [])
    .map((id) => getPreset(id))
    .filter((preset) => preset !== undefined);
  const presetScopes = normalizeScopes(presets.flatMap((preset) => preset.scopes)).scopes;
  const readOnlyPresets =
    presets.length > 0 && presetScopes.every((text) => parsed(text)?.sensitivity === 'read');
  const presetLabels = presets.map((preset) => `"${preset.label}"`).join(', ');
  const warnings: LeastPrivilegeWarning[] = [];

  for (const scope of chosen) {
    if (readOnlyPresets && scope.sensitivity !== 'read' && !presetScopes.includes(scope.text)) {
      const needed = presetScopes.filter((text) => scopeCovers(scope.text, text));
      warnings.push({
        code: 'write-with-read-presets',
        scope: scope.text,
        message: `${scope.text} lets the token ${DOES[scope.sensitivity]}, but the presets you picked (${presetLabels}) only read; remove it unless you need to change data.`,
        suggestion: needed,
      });
      continue;
    }
    if (!isBroad(scope)) continue;
    const narrower = chosen.filter(
      (other) => other.text !== scope.text && scopeCovers(scope.text, other.text),
    );
    if (narrower.length > 0) {
      warnings.push({
        code: 'broad-with-narrower',
        scope: scope.text,
        message: `${scope.text} already includes ${narrower.map((s) => s.text).join(', ')} and lets the token ${DOES[scope.sensitivity]}; if the narrower scopes are enough, remove ${scope.text}.`,
        suggestion: narrower.map((s) => s.text),
      });
      continue;
    }
    if (presets.length > 0) {
      if (presetScopes.includes(scope.text)) continue;
      const needed = presetScopes.filter((text) => scopeCovers(scope.text, text));
      if (needed.length > 0) {
        warnings.push({
          code: 'broader-than-presets',
          scope: scope.text,
          message: `${scope.text} grants more than the presets you picked need; ${needed.join(', ')} would do.`,
          suggestion: needed,
        });
        continue;
      }
    }
    const alternative = narrowerAlternative(scope);
    if (alternative) {
      warnings.push({
        code: 'broad',
        scope: scope.text,
        message: `${scope.text} lets the token ${DOES[scope.sensitivity]}; if it only needs to read, use ${alternative.text}.`,
        suggestion: alternative.scopes,
      });
    }
  }
  return warnings;
}
