// The product catalog as a picker: product -> scope family -> operations, with search and the
// catalog's presets ("CRM: read everything") for people who do not know scope names. Products
// start collapsed, each with its own presets inside; a search opens every product it matches and
// reaches every scope (by name, family, description or product), with the matching presets on top.

import {
  Accordion,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Result } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { UnconfirmedMarker } from '../../components/UnconfirmedMarker.js';
import { sameScope, splitOperation, uniqueScopes } from '../../lib/scopes.js';
import { useAction } from '../../app/use-action.js';

type Product = Result<'catalog.products'>[number];
type ScopeInfo = Product['scopes'][number];

interface Family {
  family: string;
  description: string;
  confirmed: boolean;
  scopes: ScopeInfo[];
}

const SENSITIVITY_COLOR: Record<ScopeInfo['sensitivity'], string> = {
  read: 'blue',
  write: 'orange',
  delete: 'red',
  full: 'red',
};

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

/** Presets most first connections need, offered above the catalog without opening a product. */
const COMMON_PRESETS = [
  'crm-read-all',
  'crm-read-leads-contacts',
  'desk-read-all',
  'books-read-all',
];
/** Added with every preset, so Token Desk can say whose token it is (Zoho user on success). */
const PROFILE_SCOPE = 'AaaServer.profile.READ';

const matches = (text: string, query: string) => text.toLowerCase().includes(query);

export interface ScopePickerProps {
  picked: readonly string[];
  onPickedChange(scopes: string[]): void;
}

export function ScopePicker({ picked, onPickedChange }: ScopePickerProps) {
  const rpc = useRpc();
  const [products, setProducts] = useState<Product[] | null>(null);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<string[]>([]);
  const load = useAction(async () => setProducts(await rpc.call('catalog.products', {})));
  const { run } = load;

  useEffect(() => {
    void run();
  }, [run]);

  const query = search.trim().toLowerCase();
  const visible = useMemo(() => {
    if (!products) return [];
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
  }, [products, query]);
  // On top only while searching; otherwise each product shows its own inside its section.
  const matchingPresets = useMemo(
    () =>
      query
        ? (products ?? [])
            .flatMap((p) => p.presets.map((preset) => ({ ...preset, product: p.name })))
            .filter(
              (preset) =>
                matches(preset.label, query) ||
                matches(preset.product, query) ||
                preset.scopes.some((s) => matches(s, query)),
            )
        : [],
    [products, query],
  );

  const isPicked = (scope: string) => picked.some((p) => sameScope(p, scope));
  const toggle = (scope: string, on: boolean) =>
    onPickedChange(
      on ? uniqueScopes([...picked, scope]) : picked.filter((p) => !sameScope(p, scope)),
    );
  const presetOn = (scopes: readonly string[]) => scopes.length > 0 && scopes.every(isPicked);
  const togglePreset = (scopes: readonly string[]) =>
    onPickedChange(
      presetOn(scopes)
        ? picked.filter((p) => !scopes.some((s) => sameScope(s, p)))
        : uniqueScopes([...picked, ...scopes, PROFILE_SCOPE]),
    );
  const commonPresets = (products ?? [])
    .flatMap((p) => p.presets)
    .filter((preset) => COMMON_PRESETS.includes(preset.id));

  if (load.error) return <ErrorAlert error={load.error} onRetry={() => void run()} />;
  if (!products) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" /> <Text size="sm">Loading the scope catalog…</Text>
      </Group>
    );
  }

  const expanded = query ? visible.map((v) => v.product.id) : open;

  const presetButtons = (presets: Product['presets'], prefix = 'preset') => (
    <Group gap="xs">
      {presets.map((preset) => (
        <Button
          key={preset.id}
          size="compact-sm"
          variant={presetOn(preset.scopes) ? 'filled' : 'light'}
          aria-pressed={presetOn(preset.scopes)}
          onClick={() => togglePreset(preset.scopes)}
          title={[...preset.scopes, PROFILE_SCOPE].join(', ')}
          data-testid={`${prefix}-${preset.id}`}
        >
          {preset.label}
        </Button>
      ))}
    </Group>
  );

  return (
    <Stack gap="sm">
      <TextInput
        label="Search the catalog"
        description="A product, a scope (ZohoCRM.modules.READ) or what it gives access to (invoices)"
        placeholder="Search every product and scope"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="scope-search"
      />
      {!query && commonPresets.length > 0 && (
        <div data-testid="common-presets">
          <Text size="sm" fw={500} mb={4}>
            Common choices
          </Text>
          {presetButtons(commonPresets, 'common-preset')}
        </div>
      )}
      {matchingPresets.length > 0 && (
        <div data-testid="matching-presets">
          <Text size="sm" fw={500} mb={4}>
            Presets
          </Text>
          {presetButtons(matchingPresets)}
        </div>
      )}
      {visible.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          Nothing in the catalog matches "{search}". You can still type the scope above.
        </Text>
      )}
      <Accordion
        multiple
        variant="separated"
        value={expanded}
        onChange={(value) => !query && setOpen(value)}
      >
        {visible.map(({ product, families }) => {
          const count = product.scopes.filter((s) => isPicked(s.scope)).length;
          return (
            <Accordion.Item key={product.id} value={product.id}>
              <Accordion.Control data-testid={`catalog-product-${product.id}`}>
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {product.name}
                  </Text>
                  {count > 0 && (
                    <Badge size="sm" variant="light">
                      {count} chosen
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {expanded.includes(product.id) && (
                  <Stack gap="xs">
                    {!query && product.presets.length > 0 && (
                      <div>
                        <Text size="xs" c="dimmed" mb={4}>
                          Presets
                        </Text>
                        {presetButtons(product.presets)}
                      </div>
                    )}
                    {families.map((family) => (
                      <div key={family.family}>
                        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                          <div style={{ minWidth: 0 }}>
                            <Code>{family.family}</Code>
                            <Text size="xs" c="dimmed">
                              {family.description}
                              {!family.confirmed && <UnconfirmedMarker />}
                            </Text>
                          </div>
                          <Group gap={8} wrap="wrap" justify="flex-end">
                            {family.scopes.map((scope) => (
                              <Checkbox
                                key={scope.scope}
                                size="xs"
                                label={splitOperation(scope.scope).operation}
                                aria-label={scope.scope}
                                color={SENSITIVITY_COLOR[scope.sensitivity]}
                                checked={isPicked(scope.scope)}
                                onChange={(e) => toggle(scope.scope, e.currentTarget.checked)}
                              />
                            ))}
                          </Group>
                        </Group>
                      </div>
                    ))}
                  </Stack>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}
