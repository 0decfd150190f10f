// The wizard's last step, by client type: a Self Client pastes its grant code (with the scopes
// one click away), a Self Client with client credentials gets its token at once, a server-based
// client signs in through the browser, a Non-browser application invites the client's admin.
// When Zoho refuses the client secret, "Fix the client secret" goes back to that field.

import { Anchor, Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import type { Dispatch, SetStateAction } from 'react';
import type { RpcError } from '../../../../main/rpc/contract.js';
import { dcLongLabel } from '../../lib/data-centres.js';
import { ClientCredentialsToken } from '../authorize/ClientCredentialsToken.js';
import { DeviceSignIn } from '../authorize/DeviceSignIn.js';
import { SelfClientCode } from '../authorize/SelfClientCode.js';
import { ServerSignIn } from '../authorize/ServerSignIn.js';
import { redirectUriOf, type WizardDraft } from './draft.js';
import { ScopesStep, type ScopesStepProps } from './ScopesStep.js';
import type { WizardConnection } from './use-wizard-connection.js';
import { WizardNav, type WizardNavProps } from './WizardNav.js';

const CLIENT_TYPE_LABEL = {
  self: 'Self Client',
  server: 'Server-based client',
  device: 'Non-browser application',
} as const;

export interface AuthorizeStepProps {
  draft: WizardDraft;
  setDraft: Dispatch<SetStateAction<WizardDraft>>;
  /** A change to the scopes, made in the Self Client's scope help. */
  onChange: ScopesStepProps['onChange'];
  check: ScopesStepProps['check'];
  scopes: string[];
  connection: WizardConnection;
  /** Browser mode: the tab opened on the click that started the sign-in, for Zoho's page. */
  signInTab: Window | null;
  /** Zoho refused the client secret: back to its field. */
  onFixSecret(error: RpcError): void;
  scopeHelp: boolean;
  onScopeHelp: Dispatch<SetStateAction<boolean>>;
  nav: WizardNavProps;
}

export function AuthorizeStep(props: AuthorizeStepProps) {
  const { draft, connection } = props;
  return (
    <Stack>
      <Text size="sm">
        <b>{draft.name.trim()}</b> · {dcLongLabel(draft.dc)} · {CLIENT_TYPE_LABEL[draft.clientType]}
      </Text>
      {draft.clientType === 'device' ? (
        <DeviceSignIn
          name={draft.name}
          start={connection.startDevice}
          onDone={connection.finish}
          testIdPrefix="wizard"
        />
      ) : draft.clientType === 'self' && draft.clientCredentials ? (
        <ClientCredentialsToken
          soid={draft.soid.trim() || undefined}
          onAuthorize={() => void connection.ccAuthorize.run()}
          running={connection.ccAuthorize.running}
          error={connection.ccAuthorize.error}
          testIdPrefix="wizard"
        />
      ) : draft.clientType === 'self' ? (
        <SelfClientAuthorize {...props} />
      ) : (
        <>
          <ServerSignIn
            name={draft.name}
            redirectUri={connection.added?.redirectUri ?? redirectUriOf(draft)}
            autoStart
            initialTab={props.signInTab}
            start={connection.startServer}
            onDone={connection.finish}
            onError={connection.setServerError}
            testIdPrefix="wizard"
          />
          <FixSecret error={connection.serverError} onFix={props.onFixSecret} />
        </>
      )}
      <WizardNav {...props.nav} />
    </Stack>
  );
}

/** The grant code, then the scopes one click away: what the token was asked for. */
function SelfClientAuthorize(props: AuthorizeStepProps) {
  const { draft, connection, scopeHelp } = props;
  const { selfAuthorize } = connection;
  return (
    <>
      <SelfClientCode
        dc={draft.dc}
        scopes={props.scopes}
        code={draft.code || undefined}
        codeExpiresAt={draft.codeExpiresAt}
        onCodeChange={(code) => {
          // Kept in the draft, so going back (to fix the secret) does not lose it.
          props.setDraft((d) => ({
            ...d,
            code,
            codeExpiresAt: code === d.code ? d.codeExpiresAt : null,
          }));
          selfAuthorize.setError(null);
        }}
        onAuthorize={(code) => void selfAuthorize.run(code)}
        running={selfAuthorize.running}
        error={selfAuthorize.error}
        testIdPrefix="wizard"
      />
      <FixSecret error={selfAuthorize.error} onFix={props.onFixSecret} />
      <div>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => props.onScopeHelp((v) => !v)}
          aria-expanded={scopeHelp}
          data-testid="wizard-scope-help-toggle"
        >
          {scopeHelp ? '▾' : '▸'}{' '}
          {/* The file's scopes stay one click away: what the token was asked for. */}
          {draft.fileName
            ? `The scopes in ${draft.fileName}`
            : 'Not sure which scopes to type in the console? Choose them here'}
        </Anchor>
        <Collapse expanded={scopeHelp}>
          <Paper withBorder p="sm" mt="xs">
            <ScopesStep draft={draft} onChange={props.onChange} check={props.check} />
          </Paper>
        </Collapse>
      </div>
    </>
  );
}

/** Shown when Zoho refused the client secret. */
function FixSecret({ error, onFix }: { error: RpcError | null; onFix(error: RpcError): void }) {
  if (error?.code !== 'invalid_client_secret') return null;
  return (
    <Group>
      <Button color="red" onClick={() => onFix(error)} data-testid="wizard-fix-secret">
        Fix the client secret
      </Button>
    </Group>
  );
}
