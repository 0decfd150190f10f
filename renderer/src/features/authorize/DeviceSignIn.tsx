// "Invite the client's admin": the device flow of a Non-browser application. Token Desk asks Zoho
// for a code, shows it large with the address and a ready-to-send message (each with a copy
// button) and a countdown, and waits while the admin enters the code and accepts on their own
// computer; the connection appears when they do. "New code" asks for a fresh one (the previous
// wait ends). Progress arrives as 'authorization.device' events, as the server sign-in's do.

import { Button, Group, Stack, Text } from '@mantine/core';
import type { ConnectionView, EventPayload } from '../../../../main/rpc/contract.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useAuthorizationWait } from './use-authorization-wait.js';
import { WaitStatus, WaitStopped } from './WaitParts.js';

type DeviceEvent = EventPayload<'authorization.device'>;

interface Invitation {
  userCode: string;
  verificationUrl: string;
  message: string;
  expiresAt: number;
}

interface Waiting {
  kind: 'waiting';
  invitation?: Invitation;
  /** What the status line says about the last thing that happened. */
  note?: 'slowed-down' | 'other-dc' | 'approved';
  location?: string;
}

function statusText(state: Waiting): string {
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

/** The next waiting state after a progress event (the code arrives, or the status changes). */
function afterEvent(current: Waiting, event: DeviceEvent): Waiting {
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
}

export function DeviceSignIn(props: DeviceSignInProps) {
  const wait = useAuthorizationWait<Waiting, 'authorization.device'>(
    'authorization.device',
    props.name,
  );
  const { state, waiting } = wait;
  const id = props.testIdPrefix;

  const begin = () =>
    wait.begin({
      waiting: { kind: 'waiting' },
      onProgress: (event) =>
        wait.setState((current) =>
          current.kind === 'waiting' ? afterEvent(current as Waiting, event) : current,
        ),
      start: () => props.start(),
      onDone: (connection) => props.onDone(connection),
    });
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
          <WaitStatus testId={`${id}-status`}>{statusText(waiting)}</WaitStatus>
          {invitation && <InvitationDetails invitation={invitation} id={id} />}
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
              onClick={() => void wait.cancel()}
              loading={wait.cancelling}
              disabled={waiting.note === 'approved'}
              data-testid={`${id}-cancel`}
            >
              Stop waiting
            </Button>
          </Group>
        </Stack>
      )}

      {state.kind === 'cancelled' && (
        <WaitStopped title="Stopped waiting" testId={`${id}-cancelled`}>
          Nothing was changed. Click New code when the admin is ready; the old code no longer works
          here.
        </WaitStopped>
      )}
      {state.kind === 'failed' && <ErrorAlert error={state.error} />}
    </Stack>
  );
}

/** The code, large, with the address and a ready-to-send message to copy, and its countdown. */
function InvitationDetails({ invitation, id }: { invitation: Invitation; id: string }) {
  return (
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
      <CopyField label="Code" value={invitation.userCode} testId={`${id}-device-code-value`} />
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
  );
}
