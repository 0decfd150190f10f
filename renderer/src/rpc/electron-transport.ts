// Electron: the preload exposes one function per method and one subscribe function per event
// (window.tokenDesk, typed by the contract's PreloadApi). Nothing generic crosses the bridge.

import type { EventName, MethodName, PreloadApi, RpcEnvelope } from '../../../main/rpc/contract.js';
import {
  createRpcClient,
  type RpcClient,
  type RpcClientOptions,
  type RpcTransport,
} from './rpc-client.js';

export function electronTransport(api: PreloadApi, options: RpcClientOptions = {}): RpcClient {
  const transport: RpcTransport = {
    async send(method: MethodName, params: unknown): Promise<RpcEnvelope<unknown>> {
      const invoke = api.call[method] as
        ((params: unknown) => Promise<RpcEnvelope<unknown>>) | undefined;
      if (typeof invoke !== 'function') {
        return {
          ok: false,
          error: {
            code: 'unknown_method',
            message: `This version of Token Desk cannot do "${method}".`,
            remedy: 'Restart Token Desk: the window and the app are out of step.',
          },
        };
      }
      try {
        return await invoke(params);
      } catch {
        return {
          ok: false,
          error: {
            code: 'ipc_failed',
            message: 'The window lost contact with Token Desk.',
            remedy: 'Try again; if it keeps happening, restart Token Desk.',
          },
        };
      }
    },
    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      const subscribe = api.on[event] as
        ((listener: (payload: unknown) => void) => () => void) | undefined;
      return typeof subscribe === 'function' ? subscribe(listener) : () => undefined;
    },
  };
  return createRpcClient(transport, options);
}
