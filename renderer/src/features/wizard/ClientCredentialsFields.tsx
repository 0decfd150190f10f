// The Self Client's "Client credentials (no code)" choice in the wizard, with the organization it
// is for (soid, docs/zoho.md §4.8): tokens come from the client secret alone, and no refresh
// token is kept.

import { Checkbox, Stack, TextInput } from '@mantine/core';

/** <Service>.<organization ID>, as the core checks it (main/core/auth/client-credentials.ts). */
export const SOID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{1,63}\.\d{1,30}$/;

export function soidError(soid: string): string | undefined {
  const value = soid.trim();
  return value === '' || SOID_PATTERN.test(value)
    ? undefined
    : 'Write the Zoho service, a dot and the organization ID, for example ZohoCRM.600000000.';
}

export function ClientCredentialsFields(props: {
  enabled: boolean;
  soid: string;
  onChange(change: { clientCredentials?: boolean; soid?: string }): void;
}) {
  return (
    <Stack gap="xs">
      <Checkbox
        label="Client credentials (no code)"
        description="Token Desk asks Zoho for an access token with the client secret alone, whenever one is needed. No grant code to paste and no refresh token to keep."
        checked={props.enabled}
        onChange={(e) => props.onChange({ clientCredentials: e.currentTarget.checked })}
        data-testid="wizard-client-credentials"
      />
      {props.enabled && (
        <TextInput
          label="Organization (soid)"
          description="For products with several organizations: the Zoho service, a dot and the organization ID, e.g. ZohoCRM.600000000 (in Zoho CRM: Setup > Company Details). Leave empty for a product with one organization."
          placeholder="ZohoCRM.600000000"
          value={props.soid}
          onChange={(e) => props.onChange({ soid: e.currentTarget.value })}
          error={soidError(props.soid)}
          data-testid="wizard-soid"
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Stack>
  );
}
