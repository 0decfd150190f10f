// How the secrets are protected here (vault.status), shared by the unlock screen, the cipher
// banner and Settings. The status carries no secret; a passphrase goes to main in the params of
// vault.createPassphrase / vault.unlock only, and is never kept here after the call.

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { createRequiredContext } from '../../app/required-context.js';
import { useRpc } from '../../app/rpc-context.js';

export interface VaultState {
  status: VaultStatusView;
  /** Puts a status returned by a vault call in place. */
  setStatus(status: VaultStatusView): void;
  reload(): Promise<void>;
}

const VaultContext = createRequiredContext<VaultState>('useVault', 'VaultProvider');

/** The vault state, or null outside a VaultProvider (a screen rendered alone in a test). */
export const useVaultState = VaultContext.useOptional;

export const useVault = VaultContext.useRequired;

export function VaultProvider({
  initial,
  children,
}: {
  initial: VaultStatusView;
  children: ReactNode;
}) {
  const rpc = useRpc();
  const [status, setStatus] = useState(initial);
  const reload = useCallback(async () => {
    setStatus(await rpc.call('vault.status', {}));
  }, [rpc]);
  const value = useMemo(() => ({ status, setStatus, reload }), [status, reload]);
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}

/** Connections whose secrets the command line cannot open: sealed by this app only. */
export function appOnlyConnectionIds(status: VaultStatusView): Set<string> {
  return new Set(
    status.connections.filter((c) => c.ciphers.includes('safestorage')).map((c) => c.id),
  );
}
