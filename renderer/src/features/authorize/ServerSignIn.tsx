// Authorize a Server-based client: the admin registers the exact redirect URI, then Token Desk
// opens the system browser (never an embedded window) and waits for Zoho's answer on this
// computer. Progress arrives as 'authorization.progress' events; Cancel stops the wait.

import { Alert, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, EventPayload, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { VISUALLY_HIDDEN } from '../../components/visually-hidden.js';
import { useAuthorizationWait } from './use-authorization-wait.js';
import { WaitStatus, WaitStopped } from './WaitParts.js';

export const AUTHORIZATION_TIMEOUT_SECONDS = 300;

/**
 * Browser mode: a new tab for Zoho's page, opened on the user's click (a tab opened later, once
 * the address is known, would be blocked as a pop-up). Null when the browser refused.
 */
export function openBlankTab(): Window | null {
  // The opener link is kept: without it this window may not close the tab afterwards. The tab
  // only ever shows Zoho's page and Token Desk's own answer page.
  return window.open('about:blank', '_blank');
}

type WaitingStep = 'starting' | 'listening' | 'sign-in' | 'exchanging';
type Waiting = {
  kind: 'waiting';
  step: WaitingStep;
  url?: string;
  /** Whether the system browser opened the sign-in page (false: --no-open, or it failed). */
  browserOpened?: boolean;
  /** Browser mode: Zoho's page goes to this tab, opened on the click. */
  tab?: boolean;
  deadline?: number;
};
const STEP_ORDER: WaitingStep[] = ['listening', 'sign-in', 'exchanging'];

function stepTitles(waiting: Waiting): string[] {
  return [
    'Ready to receive Zoho’s answer',
    waiting.tab
      ? 'Sign in to Zoho in the new tab'
      : waiting.browserOpened === false
        ? 'Open the Zoho page and sign in'
        : 'Sign in to Zoho in your browser',
    'Getting your tokens',
  ];
}

function statusText(waiting: Waiting): string {
  switch (waiting.step) {
    case 'starting':
      return 'Starting…';
    case 'listening':
      return 'Token Desk is listening on this computer for Zoho’s answer and preparing the Zoho sign-in page…';
    case 'sign-in':
      if (waiting.tab)
        return 'Zoho’s page is open in a new tab: sign in there, check the scopes and click Accept. Token Desk closes that tab afterwards.';
      return waiting.browserOpened
        ? 'Your browser has opened the Zoho page: sign in, check the scopes and click Accept.'
        : 'Your browser was not opened for you: open the address below in your browser, sign in to Zoho, check the scopes and click Accept.';
    case 'exchanging':
      return 'Zoho answered; Token Desk is exchanging the code for tokens…';
  }
}

export interface ServerSignInProps {
  /** The connection's name, to pick its progress events. */
  name: string;
  redirectUri: string;
  /**
   * Adds the connection if needed and calls connections.authorizeServer; resolves when authorized.
   * `openBrowser` false: this window opened a tab for Zoho's page, so main must not open another.
   */
  start(openBrowser: boolean): Promise<ConnectionView>;
  onDone(connection: ConnectionView): void;
  /** Hears why the sign-in failed (the wizard offers "Fix the client secret"). */
  onError?(error: RpcError | null): void;
  /** Start at once when shown: the click that showed it was "Sign in with Zoho". */
  autoStart?: boolean;
  /** Browser mode: the tab that click opened for Zoho's page (null: none, or it was blocked). */
  initialTab?: Window | null;
  testIdPrefix: string;
  showRedirect?: boolean;
}

/** The waiting state after a step of the sign-in: steps only move forward. */
function afterStep(
  current: Waiting,
  step: (typeof STEP_ORDER)[number],
  progress: EventPayload<'authorization.progress'>,
): Waiting {
  // Events of one attempt arrive in order; never step back.
  if (STEP_ORDER.indexOf(step) < STEP_ORDER.indexOf(current.step)) return current;
  return {
    kind: 'waiting',
    step,
    url: progress.url ?? current.url,
    ...(current.tab ? { tab: true } : {}),
    browserOpened: progress.browserOpened ?? current.browserOpened,
    deadline: progress.deadline ?? current.deadline,
  };
}

export function ServerSignIn(props: ServerSignInProps) {
  const { info } = useAppState();
  const wait = useAuthorizationWait<Waiting, 'authorization.progress'>(
    'authorization.progress',
    props.name,
  );
  const [cancelError, setCancelError] = useState<RpcError | null>(null);
  /** Adding scopes: why Zoho would not extend the grant, so a full sign-in follows. */
  const [fallback, setFallback] = useState<string | null>(null);
  const { state, waiting } = wait;
  const id = props.testIdPrefix;

  const begin = (tab: Window | null) => {
    setCancelError(null);
    setFallback(null);
    props.onError?.(null);
    let sent = false;
    return wait.begin({
      waiting: { kind: 'waiting', step: 'starting', ...(tab ? { tab: true } : {}) },
      onProgress: (progress) => {
        if (progress.step === 'done' || progress.step === 'failed' || progress.step === 'cancelled')
          return;
        if (progress.step === 'scope-enhancement') return;
        if (progress.step === 'full-sign-in') {
          // The steps start over, for the full sign-in.
          setFallback(progress.reason ?? 'Zoho would not add the scopes to the existing grant');
          wait.setState({ kind: 'waiting', step: 'starting' });
          return;
        }
        const step = progress.step;
        // Once: later events must not move the tab away from Zoho's page (or Token Desk's answer).
        if (tab && !sent && step === 'sign-in' && progress.url && !tab.closed) {
          sent = true;
          tab.location.href = progress.url;
        }
        wait.setState((current) =>
          current.kind === 'waiting' ? afterStep(current as Waiting, step, progress) : current,
        );
      },
      start: async () => {
        const connection = await props.start(!tab);
        // The tab this window opened showed Zoho's page and then "You can close this tab": close
        // it, which brings the user back here.
        if (tab && !tab.closed) tab.close();
        return connection;
      },
      onDone: (connection) => props.onDone(connection),
      onFailed: (error) => props.onError?.(error),
    });
  };

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!props.autoStart || autoStarted.current) return;
    autoStarted.current = true;
    void begin(props.initialTab ?? null);
    // Once, on the first render: the click that showed this screen asked for the sign-in.
  }, []);

  return (
    <Stack>
      {props.showRedirect !== false && <RedirectHelp redirectUri={props.redirectUri} id={id} />}

      {state.kind !== 'waiting' && (
        <Group>
          <Button
            onClick={() => void begin(info.shell === 'browser' ? openBlankTab() : null)}
            data-testid={`${id}-authorize`}
            data-autofocus
          >
            {state.kind === 'idle' ? 'Sign in with Zoho in my browser' : 'Try again'}
          </Button>
        </Group>
      )}

      {waiting && (
        <SignInProgress
          waiting={waiting}
          id={id}
          browserShell={info.shell === 'browser'}
          fallback={fallback}
          cancelling={wait.cancelling}
          onCancel={() => void wait.cancel(setCancelError)}
          cancelError={cancelError}
        />
      )}

      {state.kind === 'cancelled' && (
        <WaitStopped title="Sign-in cancelled" testId={`${id}-cancelled`}>
          Nothing was changed. Click Try again when you are ready.
        </WaitStopped>
      )}
      {state.kind === 'failed' && <ErrorAlert error={state.error} focus />}
    </Stack>
  );
}

/** The redirect URI to register in the API Console, to copy. */
function RedirectHelp({ redirectUri, id }: { redirectUri: string; id: string }) {
  return (
    <>
      <CopyField label="Redirect URI" value={redirectUri} testId={`${id}-redirect-uri`} />
      <Text size="sm" c="dimmed">
        In the Zoho API Console, this exact address must be listed under{' '}
        <b>Authorized Redirect URIs</b> of your Server-based client (Edit the client, paste it,
        Update). Zoho compares it character by character.
      </Text>
    </>
  );
}

interface SignInProgressProps {
  waiting: Waiting;
  id: string;
  /** Browser mode: the address can also open in a new tab from here. */
  browserShell: boolean;
  fallback: string | null;
  cancelling: boolean;
  onCancel(): void;
  cancelError: RpcError | null;
}

/** While waiting: the steps so far, the sign-in address when it is known, the deadline, Cancel. */
function SignInProgress({ waiting, id, ...props }: SignInProgressProps) {
  // -1 while starting: no step is reached before main says so.
  const activeIndex = STEP_ORDER.indexOf(waiting.step);
  const exchanging = waiting.step === 'exchanging';
  return (
    <Stack gap="sm" data-testid={`${id}-waiting`}>
      {props.fallback && (
        <Alert color="yellow" variant="light" role="status" data-testid={`${id}-fallback`}>
          <Text size="sm">
            {props.fallback}: signing in again with all the scopes instead. This makes a new refresh
            token.
          </Text>
        </Alert>
      )}
      <WaitStatus testId={`${id}-status`}>{statusText(waiting)}</WaitStatus>
      <Timeline active={activeIndex} bulletSize={18} lineWidth={2}>
        {stepTitles(waiting).map((title, index) => {
          // A step before the current one is done: a check mark, and said to screen readers.
          const done = index < activeIndex;
          return (
            <Timeline.Item
              key={STEP_ORDER[index]}
              title={
                <>
                  {title}
                  {done && <span style={VISUALLY_HIDDEN}> (done)</span>}
                </>
              }
              bullet={done ? <span aria-hidden="true">✓</span> : undefined}
              aria-current={index === activeIndex ? 'step' : undefined}
              data-done={done || undefined}
              data-testid={`${id}-step-${STEP_ORDER[index]}`}
            />
          );
        })}
      </Timeline>
      {waiting.url && !exchanging && (
        <>
          <CopyField
            label={
              waiting.tab
                ? 'If Zoho’s page did not open in a new tab, open this address yourself'
                : waiting.browserOpened
                  ? 'If no browser window opened, open this address yourself'
                  : 'Zoho sign-in address'
            }
            value={waiting.url}
            testId={`${id}-authorize-url`}
          />
          {!waiting.browserOpened && props.browserShell && (
            <Group>
              <Button
                component="a"
                href={waiting.url}
                target="_blank"
                rel="noopener noreferrer"
                variant="light"
                data-testid={`${id}-open-sign-in`}
              >
                Open the Zoho sign-in page in a new tab
              </Button>
            </Group>
          )}
        </>
      )}
      {waiting.deadline !== undefined && !exchanging && (
        <Text size="sm" c="dimmed">
          Token Desk stops waiting in <Countdown until={waiting.deadline} expiredText="a moment" />.
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          onClick={props.onCancel}
          loading={props.cancelling}
          disabled={exchanging}
          data-testid={`${id}-cancel`}
        >
          Cancel sign-in
        </Button>
      </Group>
      {props.cancelError && <ErrorAlert error={props.cancelError} />}
    </Stack>
  );
}
