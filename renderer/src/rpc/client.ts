// The rpc client the renderer uses: the RpcClient interface, RpcFailure, and the two transports
// (Electron preload bridge, browser-mode loopback HTTP). startup.ts picks one at launch.

export {
  createRpcClient,
  RpcFailure,
  toRpcError,
  type RpcClient,
  type RpcClientOptions,
  type RpcTransport,
} from './rpc-client.js';
export { electronTransport } from './electron-transport.js';
export { httpTransport, type HttpTransportOptions } from './http-transport.js';
