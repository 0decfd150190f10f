// "Invite the client's admin": the device flow of a Non-browser application. Token Desk asks Zoho
// for a code, shows it large with the address and a ready-to-send message (each with a copy
// button) and a countdown, and waits while the admin enters the code and accepts on their own
// computer; the connection appears when they do. "New code" asks for a fresh one (the previous
// wait ends). Progress arrives as 'authorization.device' events, as the server sign-in's do.

import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, EventPayload, RpcError } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { RpcFailure, toRpcError } from '../../rpc/client.js';

type DeviceEvent = EventPayload<'authorization.device'>;

interface Invitation {
  userCode: string;
  verificationUrl: string;
  message: string;
  expiresAt: number;
}

type State =
  | { kind: 'idle' }
  | {
      kind: 'waiting';
      invitation?: Invitation;
      /** What the status line says about the last thing that happened. */
      note?: 'slowed-down' | 'other-dc' | 'approved';
      location?: string;
    }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: RpcError };

function statusText(state: Extract<State, { kind: 'waiting' }>): string {
  if (!state.invitation) return 'Asking Zoho for a code…';
  switch (state.note) {
    case 'approved':
      return 'The admin accepted: saving the connection…';
    case 'other-dc':
      return `The admin’s account is in the ${(state.location ?? '').toUpperCase()} data centre: Token Desk is checking there now.`;
    case 'slowed-down':
      return 'Zoho asked Token Desk to check less often; still waiting for the admin…';
    default:
      return 'Waiting for the admin to enter the code and press Accept…';
  }
}

export interface DeviceSignInProps {
  /** The connection's name, to pick its progress events. */
  name: string;
  /** Adds the connection if needed and calls connections.authorizeDevice; resolves when authorized. */
  start(): Promise<ConnectionView>;
  onDone(connection: ConnectionView): void;
  testIdPrefix: string;
}

export function DeviceSignIn(props: DeviceSignInProps) {
  const rpc = useRpc();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [cancelling, setCancelling] = useState(false);
  const mounted = useRef(true);
  /** Each start is an attempt; only the latest one's outcome counts ("New code" supersedes). */
  const attempt = useRef(0);
  const unsubscribe = useRef<(() => void) | null>(null);
  const waitingNow = useRef(false);
  const id = props.testIdPrefix;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      unsubscribe.current?.();
      // Leaving the screen mid-wait: do not keep polling Zoho for nobody.
      if (waitingNow.current)
        rpc.call('connections.cancelAuthorization', {}).catch(() => undefined);
    };
  }, [rpc]);

  const onEvent = (event: DeviceEvent) => {
    if (!mounted.current || event.name.toLowerCase() !== props.name.trim().toLowerCase()) return;
    setState((current) => {
      if (current.kind !== 'waiting') return current;
      switch (event.step) {
        case 'code':
          return event.userCode && event.verificationUrl && event.message && event.expiresAt
            ? {
                kind: 'waiting',
                invitation: {
                  userCode: event.userCode,
                  verificationUrl: event.verificationUrl,
                  message: event.message,
                  expiresAt: event.expiresAt,
                },
              }
            : current;
        case 'slowed-down':
          return { ...current, note: 'slowed-down' };
        case 'other-dc':
          return { ...current, note: 'other-dc', location: event.location };
        case 'approved':
          return { ...current, note: 'approved' };
        default:
          return current;
      }
    });
  };

  const begin = async () => {
    const mine = ++attempt.current;
    setState({ kind: 'waiting' });
    waitingNow.current = true;
    unsubscribe.current?.();
    // Subscribe before starting, so the code event is not missed.
    unsubscribe.current = rpc.on('authorization.device', onEvent);
    try {
      const connection = await props.start();
      if (!mounted.current || mine !== attempt.current) return;
      setState({ kind: 'idle' });
      props.onDone(connection);
    } catch (thrown) {
      // A newer attempt ("New code") cancelled this one: its screen is already showing.
      if (!mounted.current || mine !== attempt.current) return;
      if (thrown instanceof RpcFailure && thrown.code === 'authorization_cancelled')
        setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', error: toRpcError(thrown) });
    } finally {
      if (mine === attempt.current) {
        waitingNow.current = false;
        unsubscribe.current?.();
        unsubscribe.current = null;
      }
    }
  };

  const cancel = async () => {
    setCancelling(true);
    try {
      await rpc.call('connections.cancelAuthorization', {});
    } catch {
      // The wait ends with its own error, shown below.
    } finally {
      if (mounted.current) setCancelling(false);
    }
  };

  const waiting = state.kind === 'waiting' ? state : null;
  const invitation = waiting?.invitation;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        The client’s admin enters a code on the Zoho page, on their own computer, and presses
        Accept. You never need their password, and they never need this computer.
      </Text>

      {state.kind !== 'waiting' && (
        <Group>
          <Button onClick={() => void begin()} data-testid={`${id}-device-start`}>
            {state.kind === 'idle' ? 'Get a code for the admin' : 'New code'}
          </Button>
        </Group>
      )}

      {waiting && (
        <Stack gap="sm" data-testid={`${id}-device-waiting`}>
          <Text size="sm" role="status" aria-live="polite" fw={500} data-testid={`${id}-status`}>
            {statusText(waiting)}
          </Text>
          {invitation && (
            <>
              <div>
                <Text size="sm" fw={500} id={`${id}-device-code-label`}>
                  Code for the admin
                </Text>
                <Text
                  ff="monospace"
                  fz={40}
                  fw={700}
                  lts={4}
                  aria-labelledby={`${id}-device-code-label`}
                  data-testid={`${id}-device-code`}
                >
                  {invitation.userCode}
                </Text>
              </div>
              <CopyField
                label="Code"
                value={invitation.userCode}
                testId={`${id}-device-code-value`}
              />
              <CopyField
                label="Zoho page for the admin"
                value={invitation.verificationUrl}
                testId={`${id}-device-url`}
              />
              <CopyField
                label="Message for the admin"
                value={invitation.message}
                testId={`${id}-device-message`}
              />
              <Text size="sm" c="dimmed">
                The code works for another{' '}
                <Countdown
                  until={invitation.expiresAt}
                  expiredText="moment"
                  data-testid={`${id}-device-countdown`}
                />
                .
              </Text>
            </>
          )}
          <Group>
            <Button
              variant="light"
              onClick={() => void begin()}
              disabled={!invitation || waiting.note === 'approved'}
              data-testid={`${id}-device-new-code`}
            >
              New code
            </Button>
            <Button
              variant="default"
              onClick={() => void cancel()}
              loading={cancelling}
              disabled={waiting.note === 'approved'}
              data-testid={`${id}-cancel`}
            >
              Stop waiting
            </Button>
          </Group>
        </Stack>
      )}

      {state.kind === 'cancelled' && (
        <Alert
          color="gray"
          variant="light"
          title="Stopped waiting"
          role="status"
          data-testid={`${id}-cancelled`}
        >
          <Text size="sm">
            Nothing was changed. Click New code when the admin is ready; the old code no longer
            works here.
          </Text>
        </Alert>
      )}
      {state.kind === 'failed' && <ErrorAlert error={state.error} />}
    </Stack>
  );
}
