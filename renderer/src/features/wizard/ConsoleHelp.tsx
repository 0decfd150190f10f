// Where the client's values live in the Zoho API Console, for the chosen client type: how to
// create the client, and for a server-based one the exact redirect URI to register.

import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { CopyField } from '../../components/CopyField.js';
import { dcInfo } from '../../lib/data-centres.js';
import { redirectUriOf, redirectUriWarning, type WizardDraft } from './draft.js';

export function ConsoleHelp({ draft }: { draft: WizardDraft }) {
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
