// Before a sign-in that makes a new refresh token: main's warning when it would be the 21st for
// this client and user, so Zoho would delete the oldest (docs/zoho.md, Limits). Asked by name
// (Re-authorize) or by client (the wizard, before the connection exists). A failed check says
// nothing: the warning must never stand in the way of the sign-in.

import { Alert, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Params } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';

export type RefreshTokenWarningAsk =
  { name: string } | Params<'connections.refreshTokenWarningForClient'>;

/** The warning for `ask`, once main answered; null asks nothing. */
export function useRefreshTokenWarning(ask: RefreshTokenWarningAsk | null): string | undefined {
  const rpc = useRpc();
  const [warning, setWarning] = useState<string | undefined>();
  const key = ask === null ? null : JSON.stringify(ask);
  useEffect(() => {
    setWarning(undefined);
    if (key === null) return;
    const parsed = JSON.parse(key) as RefreshTokenWarningAsk;
    let current = true;
    const answer =
      'name' in parsed
        ? rpc.call('connections.refreshTokenWarning', parsed)
        : rpc.call('connections.refreshTokenWarningForClient', parsed);
    answer.then(
      (result) => current && setWarning(result.warning),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [rpc, key]);
  return warning;
}

export function RefreshTokenLimitAlert({
  warning,
  testId,
}: {
  warning: string | undefined;
  testId: string;
}) {
  if (!warning) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Zoho keeps 20 refresh tokens per user and client"
      data-testid={testId}
    >
      <Text size="sm">{warning}</Text>
    </Alert>
  );
}
