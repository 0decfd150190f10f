// Loads how the secrets are protected (vault.status) before the workspace shows, and shows the
// unlock screen instead while the passphrase is needed. If the status cannot be loaded, the
// workspace shows anyway: every call that needs a secret then explains itself.

import { OpeningScreen } from '../../components/OpeningScreen.js';
import { useEffect, useState, type ReactNode } from 'react';
import type { VaultStatusView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { UnlockScreen } from './UnlockScreen.js';
import { useVault, VaultProvider } from './vault-state.js';

export function VaultGate({ children }: { children: ReactNode }) {
  const rpc = useRpc();
  const [initial, setInitial] = useState<VaultStatusView | null | 'failed'>(null);

  useEffect(() => {
    let live = true;
    rpc.call('vault.status', {}).then(
      (status) => live && setInitial(status),
      () => live && setInitial('failed'),
    );
    return () => {
      live = false;
    };
  }, [rpc]);

  if (initial === 'failed') return <>{children}</>;
  if (initial === null) {
    return <OpeningScreen />;
  }
  return (
    <VaultProvider initial={initial}>
      <Locked>{children}</Locked>
    </VaultProvider>
  );
}

function Locked({ children }: { children: ReactNode }) {
  const { status, setStatus } = useVault();
  if (status.locked) return <UnlockScreen status={status} onDone={setStatus} />;
  return <>{children}</>;
}
