// Wizard step 1: name, data centre and client type, with help on where each value lives in the
// Zoho API Console; a self_client.json dropped or picked here fills everything in one go.

import {
  Alert,
  Anchor,
  Button,
  Collapse,
  FileButton,
  Group,
  List,
  NativeSelect,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type ChangeEvent, type ComponentProps, type DragEvent } from 'react';
import { useNow } from '../../app/clock.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { DATA_CENTRES, dcInfo, type DcCode } from '../../lib/data-centres.js';
import { readSelfClientFile, SelfClientFileError } from '../../lib/self-client-file.js';
import {
  redirectUriOf,
  redirectUriWarning,
  type ClientStepErrors,
  type WizardDraft,
} from './draft.js';
import { ClientCredentialsFields } from './ClientCredentialsFields.js';

export interface ClientStepProps {
  draft: WizardDraft;
  errors: ClientStepErrors;
  onChange(patch: Partial<WizardDraft>): void;
  /** The name used when the name field is left empty. */
  suggestedName?: string;
}

function SelfClientDrop({ onChange, draft }: Pick<ClientStepProps, 'onChange' | 'draft'>) {
  const [over, setOver] = useState(false);
  const [error, setError] = useState<{ message: string; remedy: string } | null>(null);
  const now = useNow();

  const load = async (file: File | null) => {
    if (!file) return;
    setError(null);
    try {
      const parsed = await readSelfClientFile(file);
      onChange({
        clientType: 'self',
        clientId: parsed.clientId,
        clientSecret: parsed.clientSecret,
        pickedScopes: parsed.scopes,
        typedScopes: '',
        code: parsed.code,
        codeExpiresAt: parsed.expiresAt,
        fileName: file.name,
      });
    } catch (thrown) {
      setError(
        thrown instanceof SelfClientFileError
          ? { message: thrown.message, remedy: thrown.remedy }
          : { message: 'This file could not be read.', remedy: 'Try choosing it again.' },
      );
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void load(e.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="md"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="wizard-dropzone"
      >
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">
            Have a <b>self_client.json</b> from the API Console? Drop it here to fill in everything.
          </Text>
          <FileButton
            onChange={(file) => void load(file)}
            accept="application/json,.json"
            inputProps={
              {
                'aria-label': 'self_client.json file',
                'data-testid': 'wizard-file-input',
              } as ComponentProps<'input'>
            }
          >
            {(props) => (
              <Button variant="light" size="xs" {...props} data-testid="wizard-file-pick">
                Choose self_client.json…
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {error && <ErrorAlert title="That file cannot be used" error={error} focus />}
      {draft.fileName && !error && (
        <Alert
          color="teal"
          variant="light"
          title={`Filled from ${draft.fileName}`}
          data-testid="wizard-file-loaded"
        >
          <Text size="sm">
            Client ID, client secret, {draft.pickedScopes.length} scope
            {draft.pickedScopes.length === 1 ? '' : 's'} and the grant code
            {draft.codeExpiresAt && draft.codeExpiresAt > now ? (
              <>
                {' '}
                (it expires in <Countdown until={draft.codeExpiresAt} fw={700} />: keep going)
              </>
            ) : (
              ' (already expired: you will need a new code at the last step)'
            )}
            . The file does not say which data centre it came from: check the data centre below.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

function ConsoleHelp({ draft }: { draft: WizardDraft }) {
  const consoleUrl = dcInfo(draft.dc)?.consoleUrl ?? 'https://api-console.zoho.com';
  const consoleLink = (
    <Anchor href={consoleUrl} target="_blank" rel="noreferrer noopener">
      {consoleUrl.replace('https://', '')}
    </Anchor>
  );
  return (
    <Alert
      variant="light"
      color="blue"
      title="Where to find these in the Zoho API Console"
      data-testid={`wizard-help-${draft.clientType}`}
    >
      {draft.clientType === 'self' ? (
        <List size="sm" spacing={4}>
          <List.Item>
            Open {consoleLink} and sign in with the Zoho account the token is for.
          </List.Item>
          <List.Item>
            Choose <b>Add Client</b> → <b>Self Client</b> → <b>Create</b> (or open the Self Client
            you already have: there is one per account).
          </List.Item>
          <List.Item>
            The <b>Client Secret</b> tab shows the Client ID and the Client Secret.
          </List.Item>
          <List.Item>A Self Client works only in the data centre whose console you used.</List.Item>
        </List>
      ) : draft.clientType === 'device' ? (
        <List size="sm" spacing={4}>
          <List.Item>
            Open {consoleLink} → <b>Add Client</b> → <b>Non-browser Applications</b>.
          </List.Item>
          <List.Item>
            <b>Client Name</b>: anything made of letters, digits, _ and &amp;. <b>Homepage URL</b>:
            any address you own. No redirect URI is needed.
          </List.Item>
          <List.Item>
            <b>Create</b>: the Client ID and Client Secret appear on the next screen. For client
            orgs in other data centres, enable them under <b>Settings</b> → <b>Multi-DC</b>.
          </List.Item>
        </List>
      ) : (
        <Stack gap="xs">
          <List size="sm" spacing={4}>
            <List.Item>
              Open {consoleLink} → <b>Add Client</b> → <b>Server-based Applications</b>.
            </List.Item>
            <List.Item>
              <b>Client Name</b>: anything made of letters, digits, _ and &amp;. <b>Homepage URL</b>
              : any address you own.
            </List.Item>
            <List.Item>
              <b>Authorized Redirect URIs</b>: paste exactly the address below. Then <b>Create</b>:
              the Client ID and Client Secret appear on the next screen.
            </List.Item>
          </List>
          <CopyField
            label="Redirect URI to register"
            value={redirectUriOf(draft)}
            testId="wizard-redirect-help"
          />
          {redirectUriWarning(redirectUriOf(draft)) && (
            <Text size="sm" c="orange.9" fw={500} data-testid="wizard-redirect-warning">
              {redirectUriWarning(redirectUriOf(draft))}
            </Text>
          )}
        </Stack>
      )}
    </Alert>
  );
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

export function ClientStep(props: ClientStepProps) {
  const { draft, onChange, suggestedName } = props;
  const [advanced, setAdvanced] = useState(
    Boolean(draft.accountsUrl || draft.apiDomain || draft.redirectUri),
  );
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
      {draft.clientType === 'self' && (
        <ClientCredentialsFields
          enabled={draft.clientCredentials}
          soid={draft.soid}
          onChange={onChange}
        />
      )}
      <ConsoleHelp draft={draft} />
      <TextInput
        label="Client ID"
        description="On the Client Secret tab of your client in the API Console; starts with 1000."
        {...textField(props, 'clientId')}
        data-testid="wizard-client-id"
        required
        spellCheck={false}
      />
      <PasswordInput
        label="Client secret"
        description="Right under the Client ID. Token Desk keeps it encrypted on this computer."
        {...textField(props, 'clientSecret')}
        data-testid="wizard-client-secret"
        required
        // Mantine marks only data-invalid on a PasswordInput's input: screen readers (and the
        // wizard's move to the first error) need aria-invalid.
        aria-invalid={Boolean(props.errors.clientSecret)}
        visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the client secret' }}
      />
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
              The two server addresses are only for proxies and test servers: leave them empty to
              use Zoho’s servers for the data centre above.
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
    </Stack>
  );
}
