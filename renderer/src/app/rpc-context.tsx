// Gives every screen the rpc client chosen at startup.

import type { ReactNode } from 'react';
import type { RpcClient } from '../rpc/client.js';
import { createRequiredContext } from './required-context.js';

const RpcContext = createRequiredContext<RpcClient>('useRpc', 'RpcProvider');

export function RpcProvider({ client, children }: { client: RpcClient; children: ReactNode }) {
  return <RpcContext.Provider value={client}>{children}</RpcContext.Provider>;
}

export const useRpc = RpcContext.useRequired;
