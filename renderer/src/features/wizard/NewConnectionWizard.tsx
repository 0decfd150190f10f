// New connection in three steps: 1. the client (name, data centre, type, ID and secret), 2. the
// scopes, 3. authorize (paste a Self Client code, or sign in through the browser). The connection
// is added (connections.add) when the user first authorizes, and replaced if they go back and
// change it. Cancel, or leaving the wizard for another screen, removes that connection while it is
// still unauthorized, so starting again with the same name works; opening that very connection
// from the sidebar keeps it (its page offers Authorize). A connection that existed before the
// wizard is never touched (connections.add refuses an existing name).

import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { focusFirst } from '../../components/focus.js';
import { dcLongLabel } from '../../lib/data-centres.js';
import { SelfClientCode } from '../authorize/SelfClientCode.js';
import { ClientCredentialsToken } from '../authorize/ClientCredentialsToken.js';
import { CipherBanner } from '../vault/CipherBanner.js';
import { AUTHORIZATION_TIMEOUT_SECONDS, ServerSignIn } from '../authorize/ServerSignIn.js';
import { DeviceSignIn } from '../authorize/DeviceSignIn.js';
import { ClientStep } from './ClientStep.js';
import {
  checkClientStep,
  emptyDraft,
  redirectUriOf,
  toNewConnection,
  type WizardDraft,
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
  const { connections, upsertConnection, dropConnection } = useAppState();
  const [draft, setDraft] = useState<WizardDraft>(emptyDraft);
  const [active, setActive] = useState(0);
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
  const clientErrors = checkClientStep(
    draft,
    connections.map((c) => c.name).filter((n) => n !== ownName),
  );
  const scopes = check.result?.scopes ?? [];

  const change = (patch: Partial<WizardDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setScopeHint(null);
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
    if (Object.keys(clientErrors).length === 0) {
      setShowErrors(false);
      setActive(1);
    }
    setFocusTick((t) => t + 1);
  };

  const nextFromScopes = (e: FormEvent) => {
    e.preventDefault();
    if (check.checking || !check.result)
      return setScopeHint('Still checking the scopes: try again in a moment.');
    if (check.result.errors.length > 0)
      return setScopeHint('Fix or remove the scopes marked as not valid first.');
    if (draft.clientType !== 'self' && scopes.length === 0)
      return setScopeHint('Choose at least one scope: Zoho needs to know what the token may do.');
    setActive(2);
    setFocusTick((t) => t + 1);
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
    setActive(3);
  };

  const selfAuthorize = useAction(async (code: string) => {
    const connection = await ensureAdded();
    // The scopes shown to paste into Generate Code: Zoho's answer will not name them.
    finish(
      await rpc.call('connections.authorizeSelfClient', { name: connection.name, code, scopes }),
    );
  });

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
        {active > 0 && (
          <Button
            variant="default"
            onClick={() => setActive((a) => a - 1)}
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
        active={active}
        onStepClick={(step) => step < active && active < 3 && setActive(step)}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label="Client" description="Name, data centre, client" />
        <Stepper.Step label="Scopes" description="What the token may do" />
        <Stepper.Step label="Authorize" description={AUTHORIZE_STEP[draft.clientType]} />
      </Stepper>
      <Paper withBorder p="lg" ref={body}>
        {active === 0 && (
          <form onSubmit={nextFromClient} noValidate>
            <ClientStep draft={draft} errors={showErrors ? clientErrors : {}} onChange={change} />
            {nav(
              <Button type="submit" data-testid="wizard-next">
                Next
              </Button>,
            )}
          </form>
        )}
        {active === 1 && (
          <form onSubmit={nextFromScopes} noValidate>
            <ScopesStep draft={draft} onChange={change} check={check} />
            {scopeHint && (
              <Text c="red" size="sm" mt="sm" role="alert" data-testid="wizard-scope-hint">
                {scopeHint}
              </Text>
            )}
            {nav(
              <Button type="submit" data-testid="wizard-next">
                Next
              </Button>,
            )}
          </form>
        )}
        {active === 2 && (
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
              <SelfClientCode
                dc={draft.dc}
                scopes={scopes}
                code={draft.code || undefined}
                codeExpiresAt={draft.codeExpiresAt}
                onAuthorize={(code) => void selfAuthorize.run(code)}
                running={selfAuthorize.running}
                error={selfAuthorize.error}
                testIdPrefix="wizard"
              />
            ) : (
              <ServerSignIn
                name={draft.name}
                redirectUri={added.current?.connection.redirectUri ?? redirectUriOf(draft)}
                start={async () => {
                  const connection = await ensureAdded();
                  signingIn.current = true;
                  try {
                    return await rpc.call('connections.authorizeServer', {
                      name: connection.name,
                      timeoutSeconds: AUTHORIZATION_TIMEOUT_SECONDS,
                    });
                  } finally {
                    signingIn.current = false;
                  }
                }}
                onDone={finish}
                testIdPrefix="wizard"
              />
            )}
            {nav(null)}
          </Stack>
        )}
        {active === 3 && done && (
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
