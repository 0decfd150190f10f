// Wizard step 1: name, data centre and client type, with help on where each value lives in the
// Zoho API Console; a self_client.json dropped or picked here fills everything in one go.

import {
  Button,
  Collapse,
  Group,
  NativeSelect,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type ChangeEvent } from 'react';
import { DATA_CENTRES, dcInfo, type DcCode } from '../../lib/data-centres.js';
import { redirectUriOf, type ClientStepErrors, type WizardDraft } from './draft.js';
import { ClientCredentialsFields } from './ClientCredentialsFields.js';
import { ConsoleHelp } from './ConsoleHelp.js';
import { SelfClientDrop } from './SelfClientDrop.js';

export interface ClientStepProps {
  draft: WizardDraft;
  errors: ClientStepErrors;
  onChange(patch: Partial<WizardDraft>): void;
  /** The name used when the name field is left empty. */
  suggestedName?: string;
}

type TextField =
  'name' | 'org' | 'clientId' | 'clientSecret' | 'accountsUrl' | 'apiDomain' | 'redirectUri';

/** What ties a text field to one value of the draft: the value, its edits and its error. */
function textField({ draft, errors, onChange }: ClientStepProps, key: TextField) {
  const fieldErrors: Partial<Record<TextField, string>> = errors;
  return {
    value: draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      onChange({ [key]: e.currentTarget.value } as Partial<WizardDraft>),
    error: fieldErrors[key],
    autoComplete: 'off',
  };
}

/** The client's two values from the API Console: both required, never spell-checked. */
const KEYS = {
  clientId: {
    label: 'Client ID',
    description: 'On the Client Secret tab of your client in the API Console; starts with 1000.',
    'data-testid': 'wizard-client-id',
  },
  clientSecret: {
    label: 'Client secret',
    description: 'Right under the Client ID. Token Desk keeps it encrypted on this computer.',
    'data-testid': 'wizard-client-secret',
  },
} as const;

const keyField = (props: ClientStepProps, key: keyof typeof KEYS) => ({
  ...KEYS[key],
  ...textField(props, key),
  required: true,
});

export function ClientStep(props: ClientStepProps) {
  const { draft, onChange, suggestedName } = props;
  const dc = dcInfo(draft.dc);
  return (
    <Stack>
      {draft.clientType === 'self' && <SelfClientDrop draft={draft} onChange={onChange} />}
      <TextInput
        label="Connection name"
        description={
          suggestedName
            ? `A short name you will recognise, e.g. acme-crm-eu; the CLI uses it too. Left empty, it is ${suggestedName}.`
            : 'A short name you will recognise, e.g. acme-crm-eu. The CLI uses it too.'
        }
        placeholder={suggestedName}
        {...textField(props, 'name')}
        data-testid="wizard-name"
        required
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput
          label="Client org (optional)"
          description="The customer or company; groups connections in the sidebar."
          {...textField(props, 'org')}
          data-testid="wizard-org"
        />
        <NativeSelect
          label="Environment"
          description="Marks sandbox connections so they are never mixed up."
          data={[
            { value: 'production', label: 'Production' },
            { value: 'sandbox', label: 'Sandbox' },
            { value: 'developer', label: 'Developer' },
          ]}
          value={draft.environment}
          onChange={(e) =>
            onChange({ environment: e.currentTarget.value as WizardDraft['environment'] })
          }
          data-testid="wizard-environment"
        />
      </Group>
      <NativeSelect
        label="Data centre"
        description={`Where the Zoho account lives: the ending of the address you sign in at (${dc?.domain ?? 'zoho.com'} → ${dc?.label ?? 'United States'}).`}
        data={DATA_CENTRES.map((d) => ({ value: d.code, label: `${d.label} (${d.domain})` }))}
        value={draft.dc}
        onChange={(e) => onChange({ dc: e.currentTarget.value as DcCode })}
        data-testid="wizard-dc"
      />
      <ClientTypeChoice draft={draft} onChange={onChange} />
      {draft.clientType === 'self' && (
        <ClientCredentialsFields
          enabled={draft.clientCredentials}
          soid={draft.soid}
          onChange={onChange}
        />
      )}
      <ConsoleHelp draft={draft} />
      <TextInput {...keyField(props, 'clientId')} spellCheck={false} />
      <PasswordInput
        {...keyField(props, 'clientSecret')}
        // Mantine marks only data-invalid on a PasswordInput's input: screen readers (and the
        // wizard's move to the first error) need aria-invalid.
        aria-invalid={Boolean(props.errors.clientSecret)}
        visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the client secret' }}
      />
      <AdvancedFields {...props} />
    </Stack>
  );
}

function ClientTypeChoice({ draft, onChange }: Pick<ClientStepProps, 'draft' | 'onChange'>) {
  return (
    <Radio.Group
      label="Client type"
      description="The kind of client you created (or will create) in the Zoho API Console."
      value={draft.clientType}
      onChange={(value) => onChange({ clientType: value as WizardDraft['clientType'] })}
    >
      <Stack gap="xs" mt="xs">
        <Radio
          value="self"
          label="Self Client"
          description="Simplest: you generate a short-lived code in the console and paste it here (or drop self_client.json)."
          data-testid="wizard-type-self"
        />
        <Radio
          value="server"
          label="Server-based"
          description="You sign in through your browser; needs the redirect URI below registered in the console."
          data-testid="wizard-type-server"
        />
        <Radio
          value="device"
          label="Non-browser application: invite the client’s admin"
          description="For a client org you do not sign in to: Token Desk shows a code, the org’s admin enters it on the Zoho page on their own computer and presses Accept."
          data-testid="wizard-type-device"
        />
      </Stack>
    </Radio.Group>
  );
}

/** Folded away unless one is set: custom servers (proxies, test servers) and the redirect URI. */
function AdvancedFields(props: ClientStepProps) {
  const { draft } = props;
  const [advanced, setAdvanced] = useState(
    Boolean(draft.accountsUrl || draft.apiDomain || draft.redirectUri),
  );
  const dc = dcInfo(draft.dc);
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => setAdvanced((v) => !v)}
        aria-expanded={advanced}
        aria-controls="wizard-advanced"
        data-testid="wizard-advanced-toggle"
      >
        {advanced ? '▾' : '▸'} Advanced: custom server, redirect URI
      </Button>
      <Collapse expanded={advanced}>
        <Stack
          id="wizard-advanced"
          mt="xs"
          p="sm"
          style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}
        >
          <Text size="sm" c="dimmed">
            The two server addresses are only for proxies and test servers: leave them empty to use
            Zoho’s servers for the data centre above.
          </Text>
          <TextInput
            label="Custom accounts URL"
            placeholder={dc ? `https://accounts.${dc.domain}` : ''}
            {...textField(props, 'accountsUrl')}
            data-testid="wizard-accounts-url"
          />
          <TextInput
            label="Custom API domain"
            placeholder="https://www.zohoapis.com"
            {...textField(props, 'apiDomain')}
            data-testid="wizard-api-domain"
          />
          {draft.clientType === 'server' && (
            <TextInput
              label="Redirect URI"
              description="Where Token Desk receives Zoho’s answer. Change the port only if the default one is taken."
              placeholder={redirectUriOf({ ...draft, redirectUri: '' })}
              {...textField(props, 'redirectUri')}
              data-testid="wizard-redirect-uri-input"
            />
          )}
        </Stack>
      </Collapse>
    </div>
  );
}
