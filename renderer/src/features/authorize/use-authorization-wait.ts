// What the server sign-in and the device invitation share while Token Desk waits for Zoho: the
// idle / waiting / cancelled / failed states, the progress subscription (made before the start,
// so no event is missed, and only for this connection's events), "only the latest attempt
// counts", the cancel call, and cancelling the wait when the screen goes away mid-wait, so main
// neither keeps polling Zoho nor keeps a listener for nobody.

import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, EventPayload, RpcError } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { RpcFailure, toRpcError } from '../../rpc/client.js';

/** The two events that report an authorization's progress; both name their connection. */
export type ProgressEvent = 'authorization.progress' | 'authorization.device';

export type WaitState<Waiting extends { kind: 'waiting' }> =
  { kind: 'idle' } | Waiting | { kind: 'cancelled' } | { kind: 'failed'; error: RpcError };

export interface WaitAttempt<Waiting, E extends ProgressEvent> {
  /** The state shown as soon as the attempt starts. */
  waiting: Waiting;
  /** Each progress event of this connection, while the screen is shown. */
  onProgress(progress: EventPayload<E>): void;
  /** Starts the authorization in main; resolves when it is done. */
  start(): Promise<ConnectionView>;
  onDone(connection: ConnectionView): void;
  /** Hears a failure other than a cancel. */
  onFailed?(error: RpcError): void;
}

export function useAuthorizationWait<Waiting extends { kind: 'waiting' }, E extends ProgressEvent>(
  event: E,
  name: string,
) {
  const rpc = useRpc();
  const [state, setState] = useState<WaitState<Waiting>>({ kind: 'idle' });
  const [cancelling, setCancelling] = useState(false);
  const mounted = useRef(true);
  /** Each start is an attempt; only the latest one's outcome counts ("New code" supersedes). */
  const attempt = useRef(0);
  const unsubscribe = useRef<(() => void) | null>(null);
  const waitingNow = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      unsubscribe.current?.();
      // Leaving the screen mid-wait: do not leave a listener, a pending sign-in or a poll behind.
      if (waitingNow.current)
        rpc.call('connections.cancelAuthorization', {}).catch(() => undefined);
    };
  }, [rpc]);

  const begin = async (next: WaitAttempt<Waiting, E>) => {
    const mine = ++attempt.current;
    setState(next.waiting);
    waitingNow.current = true;
    unsubscribe.current?.();
    // Subscribe before starting, so no step is missed.
    unsubscribe.current = rpc.on(event, (progress: EventPayload<E>) => {
      if (!mounted.current || progress.name.toLowerCase() !== name.trim().toLowerCase()) return;
      next.onProgress(progress);
    });
    try {
      const connection = await next.start();
      if (!mounted.current || mine !== attempt.current) return;
      setState({ kind: 'idle' });
      next.onDone(connection);
    } catch (thrown) {
      // A newer attempt cancelled this one: its screen is already showing.
      if (!mounted.current || mine !== attempt.current) return;
      if (thrown instanceof RpcFailure && thrown.code === 'authorization_cancelled')
        setState({ kind: 'cancelled' });
      else {
        const error = toRpcError(thrown);
        setState({ kind: 'failed', error });
        next.onFailed?.(error);
      }
    } finally {
      if (mine === attempt.current) {
        waitingNow.current = false;
        unsubscribe.current?.();
        unsubscribe.current = null;
      }
    }
  };

  /** Asks main to stop waiting; the wait then ends as cancelled. `onError`: the cancel failed. */
  const cancel = async (onError?: (error: RpcError) => void) => {
    setCancelling(true);
    try {
      await rpc.call('connections.cancelAuthorization', {});
    } catch (thrown) {
      if (mounted.current) onError?.(toRpcError(thrown));
    } finally {
      if (mounted.current) setCancelling(false);
    }
  };

  const waiting = state.kind === 'waiting' ? (state as Waiting) : null;
  return { state, setState, waiting, cancelling, begin, cancel };
}
