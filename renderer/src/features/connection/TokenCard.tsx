// The access token of a connection: masked (Reveal shows it for a short while on request), copied
// (as is, or as an Authorization header), refreshed, and revoked after a confirmation.

import { Button, Code, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useNow } from '../../app/clock.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction, useConfirmedAction } from '../../app/use-action.js';
import { NoticeOutlet } from '../../app/notices.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DESTRUCTIVE } from '../../components/destructive.js';
import { TokenExpiry } from '../../components/Countdown.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NoteAlert } from '../../components/NoteAlert.js';
import { Panel } from '../../components/Panel.js';
import { StatusLine } from '../../components/StatusLine.js';
import { CLIPBOARD_NOTICE_ANCHOR, useTokenCopy, type CopyKind } from './use-token-copy.js';

const REVEAL_MS = 30_000;

export function TokenCard({
  connection,
  onReauthorize,
}: {
  connection: ConnectionView;
  onReauthorize(): void;
}) {
  const rpc = useRpc();
  const now = useNow();
  const { upsertConnection } = useAppState();
  const copyToken = useTokenCopy(connection.name);
  const [feedback, setFeedback] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ token: string; until: number } | null>(null);

  const [copying, setCopying] = useState<CopyKind | null>(null);
  const copy = useAction(async (as: CopyKind) => {
    setCopying(as);
    try {
      setFeedback(await copyToken(as));
    } finally {
      setCopying(null);
    }
  });
  const refresh = useAction(async () => {
    upsertConnection(await rpc.call('tokens.refresh', { name: connection.name }));
    setFeedback('Access token refreshed.');
  });
  const reveal = useAction(async () => {
    const { accessToken } = await rpc.call('tokens.reveal', { name: connection.name });
    setRevealed({ token: accessToken, until: now + REVEAL_MS });
  });
  const revoke = useConfirmedAction(async () => {
    upsertConnection(await rpc.call('connections.revoke', { name: connection.name }));
    setRevealed(null);
    setFeedback(
      'Revoked at Zoho. The tokens are gone from this computer; authorize again to use the connection.',
    );
  });
  // A revoke error shows in its dialog.
  const error = copy.error ?? refresh.error ?? reveal.error;
  const clearErrors = () => [copy, refresh, reveal].forEach((a) => a.setError(null));
  const showRevealed = revealed && revealed.until > now ? revealed.token : null;
  const authorized = connection.status !== 'new';
  const busy = copy.running || refresh.running || reveal.running || revoke.action.running;

  return (
    <Panel
      title="Access token"
      dialogs={
        <ConfirmDialog
          {...revoke.dialog}
          title={`Revoke ${connection.name}?`}
          confirmLabel="Revoke at Zoho"
          testId="revoke"
        >
          Zoho will stop accepting this connection’s refresh token and every access token made from
          it, including ones copied into scripts or Postman. The connection stays here; authorize it
          again to use it.
        </ConfirmDialog>
      }
    >
      <TokenStatusAlert connection={connection} onReauthorize={onReauthorize} />
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          data-testid={showRevealed ? 'token-revealed' : 'token-masked'}
          aria-label={showRevealed ? 'Access token' : 'Access token (masked)'}
        >
          {showRevealed ?? connection.maskedAccessToken ?? '— no access token yet —'}
        </Code>
        <Button
          variant="default"
          size="xs"
          disabled={!authorized || busy}
          loading={reveal.running}
          onClick={() => (showRevealed ? setRevealed(null) : void reveal.run())}
          aria-pressed={Boolean(showRevealed)}
          data-testid="token-reveal"
        >
          {showRevealed ? 'Hide' : 'Reveal'}
        </Button>
      </Group>
      <Text size="sm" data-testid="token-expiry">
        <TokenExpiry expiresAt={connection.accessTokenExpiresAt} />
        {connection.status === 'ready' &&
          connection.accessTokenExpiresAt !== undefined &&
          connection.accessTokenExpiresAt <= now &&
          ' — copying gets a fresh one'}
      </Text>
      <TokenActions
        disabled={!authorized || busy}
        copying={copying}
        refreshing={refresh.running}
        onCopy={(as) => void copy.run(as)}
        onRefresh={() => void refresh.run()}
        onRevoke={revoke.open}
      />
      <StatusLine message={!error && feedback} testId="token-feedback" />
      <NoticeOutlet anchor={CLIPBOARD_NOTICE_ANCHOR} />
      {error && <ErrorAlert error={error} onClose={clearErrors} />}
    </Panel>
  );
}

/** Copy (as is, or as a header), refresh, and revoke (which asks first). */
function TokenActions(props: {
  disabled: boolean;
  copying: CopyKind | null;
  refreshing: boolean;
  onCopy(as: CopyKind): void;
  onRefresh(): void;
  onRevoke(): void;
}) {
  return (
    <Group gap="xs">
      <Tooltip label="Copies a token valid for at least 5 more minutes (refreshing first if needed)">
        <Button
          onClick={() => props.onCopy('token')}
          disabled={props.disabled}
          loading={props.copying === 'token'}
          data-testid="token-copy"
        >
          Copy token
        </Button>
      </Tooltip>
      <Button
        variant="light"
        onClick={() => props.onCopy('header')}
        disabled={props.disabled}
        loading={props.copying === 'header'}
        data-testid="token-copy-header"
      >
        Copy as header
      </Button>
      <Button
        variant="light"
        onClick={props.onRefresh}
        disabled={props.disabled}
        loading={props.refreshing}
        data-testid="token-refresh"
      >
        Refresh now
      </Button>
      <Button
        {...DESTRUCTIVE}
        onClick={props.onRevoke}
        disabled={props.disabled}
        data-testid="token-revoke"
      >
        Revoke…
      </Button>
    </Group>
  );
}

/** Why the token cannot be used yet (never authorized, or refused by Zoho), with the way out. */
function TokenStatusAlert({
  connection,
  onReauthorize,
}: {
  connection: ConnectionView;
  onReauthorize(): void;
}) {
  if (connection.status === 'ready') return null;
  const refused = connection.status === 'needs-reauth';
  return (
    <NoteAlert
      color={refused ? 'red' : 'blue'}
      title={refused ? 'This connection needs to be authorized again' : 'Not authorized yet'}
      testId={refused ? 'needs-reauth' : 'not-authorized'}
      text={
        refused
          ? (connection.lastError?.message ??
            'Zoho no longer accepts its refresh token (revoked, or replaced by newer ones).')
          : 'This connection has no tokens yet. Authorize it to get them.'
      }
    >
      <Group>
        <Button
          color={refused ? 'red' : undefined}
          size="xs"
          onClick={onReauthorize}
          data-testid="reauthorize"
        >
          {refused ? 'Re-authorize' : 'Authorize'}
        </Button>
      </Group>
    </NoteAlert>
  );
}
