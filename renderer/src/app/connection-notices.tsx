// Shows what main tells about a connection after an operation that still worked (the
// connections.notice event: Token Desk ignored an api_domain that is not a Zoho API host) as a
// notice that stays until dismissed: it comes from a refresh the user may not have started (the
// scheduler, the tray), and it matters where the token is sent.

import { useEffect } from 'react';
import type { EventPayload } from '../../../main/rpc/contract.js';
import { useNotices } from './notices.js';
import { useRpc } from './rpc-context.js';

const TITLES: Record<string, (connection: string) => string> = {
  untrusted_api_domain: (connection) => `${connection}: API domain not changed`,
};

export function connectionNotice(payload: EventPayload<'connections.notice'>) {
  const title = TITLES[payload.code]?.(payload.connection) ?? `About ${payload.connection}`;
  return {
    key: `connection-notice:${payload.connection}:${payload.code}`,
    title,
    message: payload.message,
    color: 'orange' as const,
  };
}

export function ConnectionNoticeRelay() {
  const rpc = useRpc();
  const notices = useNotices();
  useEffect(
    () => rpc.on('connections.notice', (payload) => notices.show(connectionNotice(payload))),
    [rpc, notices],
  );
  return null;
}
