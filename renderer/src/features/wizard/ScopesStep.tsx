// Wizard step 2: which scopes the connection asks for. Typed by hand, chosen from the catalog, or
// both; every change is checked against Zoho's grammar by the core (catalog.checkScopes). The
// typed field, its errors, the chosen list and the text to paste come first, above the catalog.

import {
  Badge,
  CloseButton,
  Divider,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Result, RpcError } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { toRpcError } from '../../rpc/client.js';
import { sameScope, splitScopes } from '../../lib/scopes.js';
import { ScopePicker } from './ScopePicker.js';
import { needsScopes, type WizardDraft } from './draft.js';

export type ScopeCheck = Result<'catalog.checkScopes'>;

const CHECK_DELAY_MS = 250;

/** Checks picked + typed scopes with the core, a moment after the last keystroke. */
export function useScopeCheck(
  picked: readonly string[],
  typed: string,
): { result: ScopeCheck | null; checking: boolean; error: RpcError | null } {
  const rpc = useRpc();
  const [state, setState] = useState<{
    key: string;
    result: ScopeCheck | null;
    error: RpcError | null;
  }>({ key: '', result: null, error: null });
  const key = JSON.stringify([picked, typed]);
  useEffect(() => {
    let live = true;
    const scopes = [...picked, ...splitScopes(typed)];
    const timer = setTimeout(() => {
      rpc.call('catalog.checkScopes', { scopes }).then(
        (result) => live && setState({ key, result, error: null }),
        (thrown: unknown) => live && setState({ key, result: null, error: toRpcError(thrown) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for picked + typed (arrays change identity on every render).
  }, [rpc, key]);
  const current = state.key === key;
  return {
    result: current ? state.result : null,
    checking: !current,
    error: current ? state.error : null,
  };
}

/** Why the scopes step cannot go on yet, or null when it can. */
export function scopesStepHint(
  draft: WizardDraft,
  check: ReturnType<typeof useScopeCheck>,
  scopes: readonly string[],
): string | null {
  if (check.checking || !check.result) return 'Still checking the scopes: try again in a moment.';
  if (check.result.errors.length > 0) return 'Fix or remove the scopes marked as not valid first.';
  if (needsScopes(draft) && scopes.length === 0)
    return 'Choose at least one scope: Zoho needs to know what the token may do.';
  return null;
}

export interface ScopesStepProps {
  draft: WizardDraft;
  onChange(patch: Partial<WizardDraft>): void;
  check: ReturnType<typeof useScopeCheck>;
}

export function ScopesStep({ draft, onChange, check }: ScopesStepProps) {
  const { result, checking, error } = check;
  const typedErrors = result?.errors ?? [];
  const remove = (scope: string) =>
    onChange({
      pickedScopes: draft.pickedScopes.filter((s) => !sameScope(s, scope)),
      typedScopes: splitScopes(draft.typedScopes)
        .filter((s) => !sameScope(s, scope))
        .join(', '),
    });

  return (
    <Stack>
      <Text size="sm">
        {draft.clientType === 'self'
          ? 'A Self Client gets the scopes you type into Generate Code in the API Console. Choose them here, and Token Desk shows the exact text to paste there.'
          : 'Choose what the token may do. Zoho shows this list on its consent page. Ask only for what you need.'}
      </Text>
      <Textarea
        label="Type or paste scopes"
        description="Separated by commas, for example ZohoCRM.modules.ALL, ZohoCRM.users.READ, or choose them from the catalog below"
        value={draft.typedScopes}
        onChange={(e) => onChange({ typedScopes: e.currentTarget.value })}
        autosize
        minRows={2}
        spellCheck={false}
        data-testid="wizard-scopes-typed"
        error={
          typedErrors.length > 0 ? (
            <span data-testid="scope-errors">
              {typedErrors.map((e) => (
                <span key={e.input} style={{ display: 'block' }}>
                  “{e.input}” is not a valid scope: {e.reason}.
                </span>
              ))}
            </span>
          ) : undefined
        }
      />
      {error && <ErrorAlert error={error} />}
      <Paper withBorder p="sm" radius="md" data-testid="wizard-scopes-summary">
        <Stack gap="xs">
          <div role="status" aria-live="polite">
            {checking ? (
              <Group gap="xs">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  Checking scopes…
                </Text>
              </Group>
            ) : result ? (
              <Text size="sm" fw={500}>
                {result.scopes.length === 0
                  ? 'No scopes chosen yet.'
                  : `${result.scopes.length} scope${result.scopes.length === 1 ? '' : 's'} chosen:`}
              </Text>
            ) : null}
          </div>
          {result && result.scopes.length > 0 && (
            <Group gap={6} data-testid="wizard-scopes-chosen">
              {result.scopes.map((scope) => (
                <Badge
                  key={scope}
                  variant="light"
                  tt="none"
                  rightSection={
                    <CloseButton
                      size="xs"
                      aria-label={`Remove ${scope}`}
                      onClick={() => remove(scope)}
                    />
                  }
                >
                  {scope}
                </Badge>
              ))}
            </Group>
          )}
          {result && result.warnings.length > 0 && (
            <Stack gap={2} data-testid="scope-warnings">
              {result.warnings.map((w) => (
                <Text key={w} size="sm" c="orange">
                  {w}
                </Text>
              ))}
            </Stack>
          )}
          {draft.clientType === 'self' && result && result.scopes.length > 0 && (
            <CopyField
              label="Scopes to paste into Generate Code"
              value={result.scopes.join(',')}
              testId="wizard-scopes-text"
            />
          )}
        </Stack>
      </Paper>
      <Divider label="Or choose from the catalog" labelPosition="left" />
      <ScopePicker
        picked={draft.pickedScopes}
        onPickedChange={(pickedScopes) => onChange({ pickedScopes })}
      />
    </Stack>
  );
}
