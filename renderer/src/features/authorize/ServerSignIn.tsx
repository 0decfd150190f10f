// Authorize a Server-based client: the admin registers the exact redirect URI, then Token Desk
// opens the system browser (never an embedded window) and waits for Zoho's answer on this
// computer. Progress arrives as 'authorization.progress' events; Cancel stops the wait.

import { Alert, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { RpcFailure, toRpcError } from '../../rpc/client.js';

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
type State =
  { kind: 'idle' } | Waiting | { kind: 'cancelled' } | { kind: 'failed'; error: RpcError };

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

export function ServerSignIn(props: ServerSignInProps) {
  const rpc = useRpc();
  const { info } = useAppState();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [cancelError, setCancelError] = useState<RpcError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  /** Adding scopes: why Zoho would not extend the grant, so a full sign-in follows. */
  const [fallback, setFallback] = useState<string | null>(null);
  const mounted = useRef(true);
  const unsubscribe = useRef<(() => void) | null>(null);
  const waitingNow = useRef(false);
  const id = props.testIdPrefix;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      unsubscribe.current?.();
      // Leaving the screen mid-wait: do not leave a listener and a pending sign-in behind.
      if (waitingNow.current)
        rpc.call('connections.cancelAuthorization', {}).catch(() => undefined);
    };
  }, [rpc]);

  const begin = async (tab: Window | null) => {
    setCancelError(null);
    setFallback(null);
    props.onError?.(null);
    setState({ kind: 'waiting', step: 'starting', ...(tab ? { tab: true } : {}) });
    waitingNow.current = true;
    unsubscribe.current?.();
    let sent = false;
    // Subscribe before starting, so no step is missed.
    unsubscribe.current = rpc.on('authorization.progress', (progress) => {
      if (!mounted.current || progress.name.toLowerCase() !== props.name.trim().toLowerCase())
        return;
      if (progress.step === 'done' || progress.step === 'failed' || progress.step === 'cancelled')
        return;
      if (progress.step === 'scope-enhancement') return;
      if (progress.step === 'full-sign-in') {
        // The steps start over, for the full sign-in.
        setFallback(progress.reason ?? 'Zoho would not add the scopes to the existing grant');
        setState({ kind: 'waiting', step: 'starting' });
        return;
      }
      const step = progress.step;
      // Once: later events must not move the tab away from Zoho's page (or Token Desk's answer).
      if (tab && !sent && step === 'sign-in' && progress.url && !tab.closed) {
        sent = true;
        tab.location.href = progress.url;
      }
      setState((current) =>
        current.kind === 'waiting' &&
        // Steps only move forward (events of one attempt arrive in order; never step back).
        STEP_ORDER.indexOf(step) >= STEP_ORDER.indexOf(current.step as WaitingStep)
          ? {
              kind: 'waiting',
              step,
              url: progress.url ?? current.url,
              ...(current.tab ? { tab: true } : {}),
              browserOpened: progress.browserOpened ?? current.browserOpened,
              deadline: progress.deadline ?? current.deadline,
            }
          : current,
      );
    });
    try {
      const connection = await props.start(!tab);
      // The tab this window opened showed Zoho's page and then "You can close this tab": close it,
      // which brings the user back here.
      if (tab && !tab.closed) tab.close();
      if (!mounted.current) return;
      setState({ kind: 'idle' });
      props.onDone(connection);
    } catch (thrown) {
      if (!mounted.current) return;
      if (thrown instanceof RpcFailure && thrown.code === 'authorization_cancelled')
        setState({ kind: 'cancelled' });
      else {
        const error = toRpcError(thrown);
        setState({ kind: 'failed', error });
        props.onError?.(error);
      }
    } finally {
      waitingNow.current = false;
      unsubscribe.current?.();
      unsubscribe.current = null;
    }
  };

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!props.autoStart || autoStarted.current) return;
    autoStarted.current = true;
    void begin(props.initialTab ?? null);
    // Once, on the first render: the click that showed this screen asked for the sign-in.
  }, []);

  const cancel = async () => {
    setCancelling(true);
    try {
      await rpc.call('connections.cancelAuthorization', {});
    } catch (thrown) {
      if (mounted.current) setCancelError(toRpcError(thrown));
    } finally {
      if (mounted.current) setCancelling(false);
    }
  };

  const waiting = state.kind === 'waiting' ? state : null;
  // -1 while starting: no step is reached before main says so.
  const activeIndex = waiting ? STEP_ORDER.indexOf(waiting.step) : -1;
  const exchanging = waiting?.step === 'exchanging';

  return (
    <Stack>
      {props.showRedirect !== false && (
        <>
          <CopyField label="Redirect URI" value={props.redirectUri} testId={`${id}-redirect-uri`} />
          <Text size="sm" c="dimmed">
            In the Zoho API Console, this exact address must be listed under{' '}
            <b>Authorized Redirect URIs</b> of your Server-based client (Edit the client, paste it,
            Update). Zoho compares it character by character.
          </Text>
        </>
      )}

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
        <Stack gap="sm" data-testid={`${id}-waiting`}>
          {fallback && (
            <Alert color="yellow" variant="light" role="status" data-testid={`${id}-fallback`}>
              <Text size="sm">
                {fallback}: signing in again with all the scopes instead. This makes a new refresh
                token.
              </Text>
            </Alert>
          )}
          <Text size="sm" role="status" aria-live="polite" fw={500} data-testid={`${id}-status`}>
            {statusText(waiting)}
          </Text>
          <Timeline active={activeIndex} bulletSize={18} lineWidth={2}>
            {stepTitles(waiting).map((title, index) => (
              <Timeline.Item
                key={STEP_ORDER[index]}
                title={title}
                data-testid={`${id}-step-${STEP_ORDER[index]}`}
              />
            ))}
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
              {!waiting.browserOpened && info.shell === 'browser' && (
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
              Token Desk stops waiting in{' '}
              <Countdown until={waiting.deadline} expiredText="a moment" />.
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              onClick={() => void cancel()}
              loading={cancelling}
              disabled={exchanging}
              data-testid={`${id}-cancel`}
            >
              Cancel sign-in
            </Button>
          </Group>
          {cancelError && <ErrorAlert error={cancelError} />}
        </Stack>
      )}

      {state.kind === 'cancelled' && (
        <Alert
          color="gray"
          variant="light"
          title="Sign-in cancelled"
          role="status"
          data-testid={`${id}-cancelled`}
        >
          <Text size="sm">Nothing was changed. Click Try again when you are ready.</Text>
        </Alert>
      )}
      {state.kind === 'failed' && <ErrorAlert error={state.error} focus />}
    </Stack>
  );
}
