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
import { useRpc } from '../../app/rpc-context.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { UnconfirmedMarker } from '../../components/UnconfirmedMarker.js';
import { sameScope, splitOperation, uniqueScopes } from '../../lib/scopes.js';
import { useAction } from '../../app/use-action.js';
import {
  matchingPresets,
  visibleProducts,
  type Family,
  type Preset,
  type Product,
  type ScopeInfo,
} from './scope-catalog.js';

const SENSITIVITY_COLOR: Record<ScopeInfo['sensitivity'], string> = {
  read: 'blue',
  write: 'orange',
  delete: 'red',
  full: 'red',
};

/** Presets most first connections need, offered above the catalog without opening a product. */
const COMMON_PRESETS = [
  'crm-read-all',
  'crm-read-leads-contacts',
  'desk-read-all',
  'books-read-all',
];
/** Added with every preset, so Token Desk can say whose token it is (Zoho user on success). */
const PROFILE_SCOPE = 'AaaServer.profile.READ';

export interface ScopePickerProps {
  picked: readonly string[];
  onPickedChange(scopes: string[]): void;
}

/** What choosing scopes means for `picked`: one at a time, or a preset's all at once. */
function pickedScopes({ picked, onPickedChange }: ScopePickerProps) {
  const isPicked = (scope: string) => picked.some((p) => sameScope(p, scope));
  const presetOn = (scopes: readonly string[]) => scopes.length > 0 && scopes.every(isPicked);
  return {
    isPicked,
    presetOn,
    toggle: (scope: string, on: boolean) =>
      onPickedChange(
        on ? uniqueScopes([...picked, scope]) : picked.filter((p) => !sameScope(p, scope)),
      ),
    togglePreset: (scopes: readonly string[]) =>
      onPickedChange(
        presetOn(scopes)
          ? picked.filter((p) => !scopes.some((s) => sameScope(s, p)))
          : uniqueScopes([...picked, ...scopes, PROFILE_SCOPE]),
      ),
  };
}
type Picks = ReturnType<typeof pickedScopes>;

export function ScopePicker(props: ScopePickerProps) {
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
  const visible = useMemo(() => visibleProducts(products ?? [], query), [products, query]);
  // On top only while searching; otherwise each product shows its own inside its section.
  const matching = useMemo(() => matchingPresets(products ?? [], query), [products, query]);
  const picks = pickedScopes(props);
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
          <PresetButtons presets={commonPresets} picks={picks} prefix="common-preset" />
        </div>
      )}
      {matching.length > 0 && (
        <div data-testid="matching-presets">
          <Text size="sm" fw={500} mb={4}>
            Presets
          </Text>
          <PresetButtons presets={matching} picks={picks} />
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
        {visible.map(({ product, families }) => (
          <ProductSection
            key={product.id}
            product={product}
            families={families}
            // Only an open section renders its scopes: the catalog is long.
            expanded={expanded.includes(product.id)}
            searching={Boolean(query)}
            picks={picks}
          />
        ))}
      </Accordion>
    </Stack>
  );
}

function PresetButtons(props: { presets: readonly Preset[]; picks: Picks; prefix?: string }) {
  const { picks, prefix = 'preset' } = props;
  return (
    <Group gap="xs">
      {props.presets.map((preset) => (
        <Button
          key={preset.id}
          size="compact-sm"
          variant={picks.presetOn(preset.scopes) ? 'filled' : 'light'}
          aria-pressed={picks.presetOn(preset.scopes)}
          onClick={() => picks.togglePreset(preset.scopes)}
          title={[...preset.scopes, PROFILE_SCOPE].join(', ')}
          data-testid={`${prefix}-${preset.id}`}
        >
          {preset.label}
        </Button>
      ))}
    </Group>
  );
}

interface ProductSectionProps {
  product: Product;
  families: Family[];
  expanded: boolean;
  /** While searching, the matching presets are on top instead of inside each product. */
  searching: boolean;
  picks: Picks;
}

/** One product: how many of its scopes are chosen, then its presets and its scope families. */
function ProductSection({ product, families, expanded, searching, picks }: ProductSectionProps) {
  const count = product.scopes.filter((s) => picks.isPicked(s.scope)).length;
  return (
    <Accordion.Item value={product.id}>
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
        {expanded && (
          <Stack gap="xs">
            {!searching && product.presets.length > 0 && (
              <div>
                <Text size="xs" c="dimmed" mb={4}>
                  Presets
                </Text>
                <PresetButtons presets={product.presets} picks={picks} />
              </div>
            )}
            {families.map((family) => (
              <FamilyRow key={family.family} family={family} picks={picks} />
            ))}
          </Stack>
        )}
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** A scope family, described, with one checkbox per operation, coloured by what it allows. */
function FamilyRow({ family, picks }: { family: Family; picks: Picks }) {
  return (
    <div>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Code>{family.family}</Code>
          {/* A div: the marker's tooltip may render a div, which a <p> must not hold. */}
          <Text size="xs" c="dimmed" component="div">
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
              checked={picks.isPicked(scope.scope)}
              onChange={(e) => picks.toggle(scope.scope, e.currentTarget.checked)}
            />
          ))}
        </Group>
      </Group>
    </div>
  );
}
