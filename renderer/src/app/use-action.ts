// One user action that talks to the core: its running state (for progress) and its error (for
// the message + remedy), with stale results ignored after unmount; and one that asks first (a
// confirmation dialog that stays open, with the error, until the action has worked).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RpcError } from '../../../main/rpc/contract.js';
import { toRpcError } from '../rpc/client.js';

export interface Action<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  running: boolean;
  error: RpcError | null;
  setError(error: RpcError | null): void;
}

export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const mounted = useRef(true);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setRunning(true);
    setError(null);
    try {
      return await fnRef.current(...args);
    } catch (thrown) {
      if (mounted.current) setError(toRpcError(thrown));
      return undefined;
    } finally {
      if (mounted.current) setRunning(false);
    }
  }, []);
  return { run, running, error, setError };
}

/** An action behind a confirmation: `open` asks, `dialog` goes to ConfirmDialog. */
export function useConfirmedAction(fn: () => Promise<void>) {
  const [opened, setOpened] = useState(false);
  const action = useAction(async () => {
    await fn();
    setOpened(false);
  });
  return {
    action,
    open: () => setOpened(true),
    dialog: {
      opened,
      onConfirm: () => void action.run(),
      onCancel: () => setOpened(false),
      busy: action.running,
      error: action.error,
    },
  };
}
