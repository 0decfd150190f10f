// New connection: the client (name, data centre, type, ID and secret), then what its client type
// needs (stepsFor in draft.ts): a Self Client pastes its grant code (the scopes come with the code),
// a server-based client chooses scopes and signs in through the browser. The connection
// is added (connections.add) when the user first authorizes, and replaced if they go back and
// change it. Cancel, or leaving the wizard for another screen, removes that connection while it is
// still unauthorized, so starting again with the same name works; opening that very connection
// from the sidebar keeps it (its page offers Authorize). A connection that existed before the
// wizard is never touched (connections.add refuses an existing name).

import { Anchor, Button, Collapse, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionView, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { focusFirst } from '../../components/focus.js';
import { dcLongLabel } from '../../lib/data-centres.js';
import { SelfClientCode } from '../authorize/SelfClientCode.js';
import { ClientCredentialsToken } from '../authorize/ClientCredentialsToken.js';
import { CipherBanner } from '../vault/CipherBanner.js';
import {
  AUTHORIZATION_TIMEOUT_SECONDS,
  openBlankTab,
  ServerSignIn,
} from '../authorize/ServerSignIn.js';
import { DeviceSignIn } from '../authorize/DeviceSignIn.js';
import { ClientStep } from './ClientStep.js';
import {
  checkClientStep,
  emptyDraft,
  needsScopes,
  redirectUriOf,
  stepsFor,
  suggestedName,
  toNewConnection,
  type WizardDraft,
  type WizardStep,
} from './draft.js';
import { ScopesStep, useScopeCheck } from './ScopesStep.js';
import { WizardSuccess } from './WizardSuccess.js';

const AUTHORIZE_STEP = {
  self: 'Paste the grant code',
  server: 'Sign in with Zoho',
  device: 'Invite the client’s admin',
} as const;
const CLIENT_TYPE_LABEL = {
  self: 'Self Client',
  server: 'Server-based client',
  device: 'Non-browser application',
} as const;

export interface NewConnectionWizardProps {
  onCancel(): void;
  onFinished(connection: ConnectionView, next: 'token' | 'requests'): void;
  /**
   * Asked when the wizard is left for another screen: true when that screen is this connection
   * (the user picked it in the sidebar to authorize it from its page), which then stays.
   */
  isOpenElsewhere?(connectionId: string): boolean;
}

export function NewConnectionWizard({
  onCancel,
  onFinished,
  isOpenElsewhere,
}: NewConnectionWizardProps) {
  const rpc = useRpc();
  const { connections, upsertConnection, dropConnection, info } = useAppState();
  const [draft, setDraft] = useState<WizardDraft>(emptyDraft);
  const [active, setActive] = useState<WizardStep | 'done'>('client');
  /** Zoho refused the client secret on the last step: shown on the secret field until it changes. */
  const [secretRefused, setSecretRefused] = useState<string | null>(null);
  const [serverError, setServerError] = useState<RpcError | null>(null);
  const [scopeHelp, setScopeHelp] = useState(false);
  /** Browser mode: the tab opened on the click that starts the sign-in, for Zoho's page. */
  const [signInTab, setSignInTab] = useState<Window | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [scopeHint, setScopeHint] = useState<string | null>(null);
  const [done, setDone] = useState<ConnectionView | null>(null);
  const added = useRef<{ key: string; connection: ConnectionView } | null>(null);
  const finished = useRef(false);
  const signingIn = useRef(false);
  const latestConnections = useRef(connections);
  latestConnections.current = connections;
  const body = useRef<HTMLDivElement>(null);
  const check = useScopeCheck(draft.pickedScopes, draft.typedScopes);

  const ownName = added.current?.connection.name;
  const otherNames = connections.map((c) => c.name).filter((n) => n !== ownName);
  const nameSuggestion = suggestedName(draft.dc, otherNames);
  const named = { ...draft, name: draft.name.trim() ? draft.name : nameSuggestion };
  const clientErrors = checkClientStep(named, otherNames);
  // Until the core has checked them (a moment after each change), the scopes picked from
  // self_client.json or the catalog stand in: a quick "Get tokens" must not drop them.
  const scopes = check.result?.scopes ?? (check.checking ? draft.pickedScopes : []);
  const steps = stepsFor(draft);
  const activeIndex = active === 'done' ? steps.length : steps.indexOf(active);
  const goTo = (step: WizardStep | 'done') => {
    setActive(step);
    setFocusTick((t) => t + 1);
  };
  const nextStep = () => steps[activeIndex + 1] ?? 'done';

  const change = (patch: Partial<WizardDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setScopeHint(null);
    // An error goes away when the field it names changes.
    if (patch.clientSecret !== undefined) setSecretRefused(null);
  };

  /** Zoho refused the client secret: back to the field that holds it, everything else kept. */
  const fixSecret = (error: RpcError) => {
    setSecretRefused(
      `${error.message} Paste it again from the API Console (your client > Client Secret).`,
    );
    setShowErrors(true);
    goTo('client');
  };

  // Move focus to the first field with an error, or to the start of a step (Next, Back, a step
  // clicked in the stepper), for keyboard users: components/focus.ts says where.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    focusFirst(body.current);
  }, [focusTick, active]);

  const nextFromClient = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(clientErrors).length === 0 && !secretRefused) {
      setShowErrors(false);
      if (!draft.name.trim()) change({ name: nameSuggestion });
      setActive(nextStep());
    }
    setFocusTick((t) => t + 1);
  };

  const nextFromScopes = (e: FormEvent) => {
    e.preventDefault();
    if (check.checking || !check.result)
      return setScopeHint('Still checking the scopes: try again in a moment.');
    if (check.result.errors.length > 0)
      return setScopeHint('Fix or remove the scopes marked as not valid first.');
    if (needsScopes(draft) && scopes.length === 0)
      return setScopeHint('Choose at least one scope: Zoho needs to know what the token may do.');
    // Browser mode: Zoho's page opens in a new tab on this very click (a tab opened later, when
    // the address is known, would be blocked as a pop-up); its address follows in a moment.
    if (draft.clientType === 'server' && info.shell === 'browser') setSignInTab(openBlankTab());
    goTo(nextStep());
  };

  /** Adds the connection (or re-adds it if the form changed since), returning it. */
  const ensureAdded = async (): Promise<ConnectionView> => {
    const input = toNewConnection(draft, scopes);
    const key = JSON.stringify(input);
    if (added.current?.key === key) return added.current.connection;
    // The form changed since the connection was added: core replaces it (and keeps it when the
    // new one is refused, e.g. its name is taken).
    const replaces = added.current?.connection;
    const connection = await rpc.call(
      'connections.add',
      replaces ? { ...input, replaces: replaces.name } : input,
    );
    if (replaces && replaces.id !== connection.id) dropConnection(replaces.name);
    added.current = { key, connection };
    upsertConnection(connection);
    return connection;
  };

  /** Removes the connection this wizard added, unless it got authorized (here or elsewhere). */
  const discardUnfinished = async (leaving = false) => {
    const mine = added.current;
    if (!mine || finished.current) return;
    if (leaving && isOpenElsewhere?.(mine.connection.id)) return;
    added.current = null;
    const current = latestConnections.current.find((c) => c.id === mine.connection.id);
    if (current && current.status !== 'new') return;
    // A sign-in still waiting for Zoho would otherwise finish into a removed connection.
    if (signingIn.current)
      await rpc.call('connections.cancelAuthorization', {}).catch(() => undefined);
    await rpc.call('connections.remove', { name: mine.connection.name }).then(
      () => dropConnection(mine.connection.name),
      () => undefined,
    );
  };
  const discardRef = useRef(discardUnfinished);
  discardRef.current = discardUnfinished;
  // Leaving the wizard for another screen (a connection, Settings) counts as Cancel.
  useEffect(() => () => void discardRef.current(true), []);

  const cancelWizard = async () => {
    await discardUnfinished();
    onCancel();
  };

  const finish = (connection: ConnectionView) => {
    finished.current = true;
    upsertConnection(connection);
    setDone(connection);
    setActive('done');
  };

  const selfAuthorize = useAction(async (code: string) => {
    const connection = await ensureAdded();
    // The scopes of self_client.json, or the ones the user listed: Zoho's answer may not name them.
    finish(
      await rpc.call('connections.authorizeSelfClient', {
        name: connection.name,
        code,
        ...(scopes.length > 0 ? { scopes } : {}),
      }),
    );
  });
  const refusedSecret = (error: RpcError | null) =>
    error?.code === 'invalid_client_secret' ? error : null;
  const fixSecretButton = (error: RpcError | null) => {
    const refused = refusedSecret(error);
    return (
      refused && (
        <Group>
          <Button color="red" onClick={() => fixSecret(refused)} data-testid="wizard-fix-secret">
            Fix the client secret
          </Button>
        </Group>
      )
    );
  };

  const ccAuthorize = useAction(async () => {
    const connection = await ensureAdded();
    finish(await rpc.call('connections.authorizeClientCredentials', { name: connection.name }));
  });

  const nav = (next: ReactNode) => (
    <Group justify="space-between" mt="lg">
      <Button
        variant="subtle"
        color="gray"
        onClick={() => void cancelWizard()}
        data-testid="wizard-cancel-wizard"
      >
        Cancel
      </Button>
      <Group>
        {activeIndex > 0 && (
          <Button
            variant="default"
            onClick={() => goTo(steps[activeIndex - 1] ?? 'client')}
            data-testid="wizard-back"
          >
            Back
          </Button>
        )}
        {next}
      </Group>
    </Group>
  );

  return (
    <Stack maw={820} mx="auto" data-testid="wizard">
      <Title order={2}>New connection</Title>
      <CipherBanner context="wizard" />
      <Stepper
        active={activeIndex}
        onStepClick={(index) => {
          const step = steps[index];
          if (step && index < activeIndex && active !== 'done') goTo(step);
        }}
        allowNextStepsSelect={false}
        size="sm"
      >
        {steps.map((step) => (
          <Stepper.Step key={step} {...STEP_TEXT[step](draft)} />
        ))}
      </Stepper>
      <Paper withBorder p="lg" ref={body}>
        {active === 'client' && (
          <form onSubmit={nextFromClient} noValidate>
            <ClientStep
              draft={draft}
              errors={{
                ...(showErrors ? clientErrors : {}),
                ...(secretRefused ? { clientSecret: secretRefused } : {}),
              }}
              onChange={change}
              suggestedName={nameSuggestion}
            />
            {nav(
              <Button type="submit" data-testid="wizard-next">
                Next
              </Button>,
            )}
          </form>
        )}
        {active === 'scopes' && (
          <form onSubmit={nextFromScopes} noValidate>
            <ScopesStep draft={draft} onChange={change} check={check} />
            {scopeHint && (
              <Text c="red" size="sm" mt="sm" role="alert" data-testid="wizard-scope-hint">
                {scopeHint}
              </Text>
            )}
            {nav(
              <Button type="submit" data-testid="wizard-next">
                {draft.clientType === 'server' ? 'Sign in with Zoho' : 'Next'}
              </Button>,
            )}
          </form>
        )}
        {active === 'authorize' && (
          <Stack>
            <Text size="sm">
              <b>{draft.name.trim()}</b> · {dcLongLabel(draft.dc)} ·{' '}
              {CLIENT_TYPE_LABEL[draft.clientType]}
            </Text>
            {draft.clientType === 'device' ? (
              <DeviceSignIn
                name={draft.name}
                start={async () => {
                  const connection = await ensureAdded();
                  signingIn.current = true;
                  try {
                    return await rpc.call('connections.authorizeDevice', {
                      name: connection.name,
                    });
                  } finally {
                    signingIn.current = false;
                  }
                }}
                onDone={finish}
                testIdPrefix="wizard"
              />
            ) : draft.clientType === 'self' && draft.clientCredentials ? (
              <ClientCredentialsToken
                soid={draft.soid.trim() || undefined}
                onAuthorize={() => void ccAuthorize.run()}
                running={ccAuthorize.running}
                error={ccAuthorize.error}
                testIdPrefix="wizard"
              />
            ) : draft.clientType === 'self' ? (
              <>
                <SelfClientCode
                  dc={draft.dc}
                  scopes={scopes}
                  code={draft.code || undefined}
                  codeExpiresAt={draft.codeExpiresAt}
                  onCodeChange={(code) => {
                    // Kept in the draft, so going back (to fix the secret) does not lose it.
                    setDraft((d) => ({
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
                {fixSecretButton(selfAuthorize.error)}
                <div>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => setScopeHelp((v) => !v)}
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
                      <ScopesStep draft={draft} onChange={change} check={check} />
                    </Paper>
                  </Collapse>
                </div>
              </>
            ) : (
              <>
                <ServerSignIn
                  name={draft.name}
                  redirectUri={added.current?.connection.redirectUri ?? redirectUriOf(draft)}
                  autoStart
                  initialTab={signInTab}
                  start={async (openBrowser) => {
                    setServerError(null);
                    const connection = await ensureAdded();
                    signingIn.current = true;
                    try {
                      return await rpc.call('connections.authorizeServer', {
                        name: connection.name,
                        timeoutSeconds: AUTHORIZATION_TIMEOUT_SECONDS,
                        ...(openBrowser ? {} : { openBrowser: false }),
                      });
                    } finally {
                      signingIn.current = false;
                    }
                  }}
                  onDone={finish}
                  onError={setServerError}
                  testIdPrefix="wizard"
                />
                {fixSecretButton(serverError)}
              </>
            )}
            {nav(null)}
          </Stack>
        )}
        {active === 'done' && done && (
          <WizardSuccess
            connection={done}
            onOpen={() => onFinished(done, 'token')}
            onTryRequest={() => onFinished(done, 'requests')}
          />
        )}
      </Paper>
    </Stack>
  );
}

const STEP_TEXT: Record<
  WizardStep,
  (draft: WizardDraft) => { label: string; description: string }
> = {
  client: () => ({ label: 'Client', description: 'Name, data centre, client' }),
  scopes: () => ({ label: 'Scopes', description: 'What the token may do' }),
  authorize: (draft) =>
    draft.clientType === 'device'
      ? { label: 'Invite', description: AUTHORIZE_STEP.device }
      : draft.clientType === 'self' && draft.clientCredentials
        ? { label: 'Token', description: 'Client credentials: no code' }
        : draft.clientType === 'self'
          ? { label: 'Grant code', description: 'Paste the code from the console' }
          : { label: 'Sign in', description: 'Sign in with Zoho' },
};
